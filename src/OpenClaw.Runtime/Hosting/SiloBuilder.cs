using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Runtime.State;

namespace OpenClaw.Runtime.Hosting;

/// <summary>Configures a silo: grain classes, call filters, storage providers and runtime options.</summary>
public sealed class SiloBuilder
{
    internal SiloBuilder(IServiceCollection services, OpenClawRuntimeOptions options)
    {
        Services = services;
        Options = options;
    }

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Runtime options, already bound from configuration; change them here.</summary>
    public OpenClawRuntimeOptions Options { get; }

    internal Dictionary<string, Func<IServiceProvider, IGrainStorage>> StorageProviders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Hosts grain class <typeparamref name="TGrain"/>.</summary>
    public SiloBuilder AddGrain<TGrain>()
        where TGrain : Grain
    {
        Options.GrainClasses.Add(typeof(TGrain));
        return this;
    }

    /// <summary>Hosts every concrete grain class in <paramref name="assembly"/>.</summary>
    public SiloBuilder AddGrains(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Options.GrainClasses.AddRange(assembly.GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t) && t is { IsAbstract: false, IsClass: true, IsGenericTypeDefinition: false }));
        return this;
    }

    /// <summary>Adds an incoming grain call filter (runs inside the grain's turn, in registration order).</summary>
    public SiloBuilder AddIncomingGrainCallFilter<TFilter>()
        where TFilter : class, IIncomingGrainCallFilter
    {
        Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return this;
    }

    /// <summary>Adds an outgoing grain call filter (runs in the caller, around every call made on a grain reference).</summary>
    public SiloBuilder AddOutgoingGrainCallFilter<TFilter>()
        where TFilter : class, IOutgoingGrainCallFilter
    {
        Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        return this;
    }

    /// <summary>Uses in-memory storage under <paramref name="name"/> (unit tests only: lost on restart, not shared between silos).</summary>
    public SiloBuilder AddMemoryGrainStorage(string name = GrainStorageRegistry.DefaultName)
    {
        StorageProviders[name] = _ => new MemoryGrainStorage();
        return this;
    }

    /// <summary>Adds a custom storage provider.</summary>
    public SiloBuilder AddGrainStorage(string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        StorageProviders[name] = factory;
        return this;
    }
}
