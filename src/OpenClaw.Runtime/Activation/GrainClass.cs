using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Runtime.State;

namespace OpenClaw.Runtime.Activation;

/// <summary>A registered grain class: its grain type name, collection age and how to construct it.</summary>
internal sealed class GrainClass
{
    private readonly ConstructorInfo constructor;
    private readonly ParameterInfo[] parameters;

    public GrainClass(Type type, TimeSpan defaultCollectionAge)
    {
        if (!typeof(Grain).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.Name} must be a concrete class deriving from Grain.", nameof(type));
        }

        Type = type;
        GrainType = type.GetCustomAttribute<GrainTypeAttribute>()?.GrainType ?? DefaultGrainType(type);
        CollectionAge = type.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Amount is { } age && age > TimeSpan.Zero ? age : defaultCollectionAge;
        constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"{type.Name} has no public constructor.", nameof(type));
        parameters = constructor.GetParameters();
        Interfaces = [.. type.GetInterfaces().Where(i => typeof(IGrainWithStringKey).IsAssignableFrom(i) && i != typeof(IGrainWithStringKey))];
    }

    public Type Type { get; }

    /// <summary>Orleans' default: the class name without a "Grain" suffix, lower-cased (ShopGrain → shop).</summary>
    public string GrainType { get; }

    public TimeSpan CollectionAge { get; set; }

    public IReadOnlyList<Type> Interfaces { get; }

    /// <summary>Constructs the grain; <see cref="PersistentStateAttribute"/> parameters get state bound to the activation.</summary>
    public Grain Create(GrainActivation activation, List<IPersistentStateLoader> states)
    {
        var services = activation.Runtime.Services;
        var args = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var stateAttribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            if (stateAttribute is null)
            {
                args[i] = services.GetRequiredService(parameter.ParameterType);
                continue;
            }

            var stateType = parameter.ParameterType.IsGenericType && parameter.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>)
                ? parameter.ParameterType.GetGenericArguments()[0]
                : throw new InvalidOperationException($"[PersistentState] parameter {parameter.Name} of {Type.Name} must be IPersistentState<T>.");
            var storageName = stateAttribute.StorageName ?? GrainStorageRegistry.DefaultName;
            var storage = activation.Runtime.Storage.Get(storageName);
            var state = Activator.CreateInstance(
                typeof(PersistentState<>).MakeGenericType(stateType),
                stateAttribute.StateName,
                storageName,
                activation.GrainId,
                storage,
                (Action<InconsistentStateException>)activation.OnStateConflict)!;
            states.Add((IPersistentStateLoader)state);
            args[i] = state;
        }

        return (Grain)constructor.Invoke(args);
    }

    private static string DefaultGrainType(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (name.Length > "Grain".Length && name.EndsWith("Grain", StringComparison.Ordinal))
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
