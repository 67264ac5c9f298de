using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Runtime.Activation;
using OpenClaw.Runtime.Cluster;
using OpenClaw.Runtime.Invocation;
using OpenClaw.Runtime.Reminders;
using OpenClaw.Runtime.Transport;

namespace OpenClaw.Runtime.Hosting;

/// <summary>Registration of silos and cluster clients.</summary>
public static class OpenClawHostingExtensions
{
    /// <summary>
    /// Makes this web application a silo. With <c>Orleans:Clustering:ProviderType=Redis</c> it joins the cluster and
    /// Kestrel listens for grain calls over HTTP/2 (h2c) on <c>Orleans:Endpoints:SiloPort</c>; otherwise it runs every
    /// grain in this process. Call <see cref="MapOpenClawSilo"/> on the built app.
    /// </summary>
    public static WebApplicationBuilder AddOpenClawSilo(this WebApplicationBuilder builder, Action<SiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new OpenClawRuntimeOptions();
        RuntimeConfiguration.Bind(builder.Configuration, options);
        var silo = new SiloBuilder(builder.Services, options);
        configure?.Invoke(silo);
        AddSiloServices(builder.Services, builder.Configuration, silo);
        if (options.IsClustered)
        {
            var appEndpoints = AppEndpoints.FromConfiguration(builder.Configuration);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                // Prior-knowledge h2c needs an HTTP/2-only endpoint; Kestrel would downgrade Http1AndHttp2 to HTTP/1.1 without TLS.
                kestrel.Listen(options.ListenOnLoopbackOnly ? IPAddress.Loopback : IPAddress.Any, options.SiloPort, listen => listen.Protocols = HttpProtocols.Http2);
                appEndpoints.ForEach(endpoint => endpoint(kestrel));
            });
        }

        return builder;
    }

    /// <summary>Maps the grain-call endpoint (<c>POST /openclaw/grain-call</c>) on the silo port.</summary>
    public static IEndpointRouteBuilder MapOpenClawSilo(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<OpenClawRuntimeOptions>();
        var handler = endpoints.ServiceProvider.GetRequiredService<GrainCallEndpoint>();
        var route = endpoints.MapPost(GrainCallWire.Path, handler.HandleAsync);
        if (options.IsClustered)
        {
            route.RequireHost("*:" + options.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return endpoints;
    }

    /// <summary>
    /// Registers <see cref="IClusterClient"/> (and <see cref="IGrainFactory"/>) for a process that calls grains but
    /// hosts none, such as the API: calls go over HTTP/2 to the silo that owns each grain's shard.
    /// </summary>
    public static IHostApplicationBuilder AddOpenClawClusterClient(this IHostApplicationBuilder builder, Action<OpenClawRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new OpenClawRuntimeOptions();
        RuntimeConfiguration.Bind(builder.Configuration, options);
        configure?.Invoke(options);
        if (!options.IsClustered)
        {
            throw new InvalidOperationException("A cluster client needs Orleans:Clustering:ProviderType=Redis; in single-process mode use the silo's IGrainFactory.");
        }

        builder.Services.AddSingleton(options);
        RuntimeConfiguration.AddRedis(builder.Services, builder.Configuration);
        RuntimeConfiguration.AddRouting(builder.Services, options);
        builder.Services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<IClusterClient>());
        builder.Services.AddHostedService<ClientLifecycle>();
        return builder;
    }

    private static void AddSiloServices(IServiceCollection services, ConfigurationManager configuration, SiloBuilder silo)
    {
        var options = silo.Options;
        services.AddSingleton(options);
        var needsRedis = options.IsClustered || configuration[RuntimeConfiguration.RedisConnectionKey] is not null;
        if (needsRedis)
        {
            RuntimeConfiguration.AddRedis(services, configuration);
        }

        RuntimeConfiguration.AddRouting(services, options);
        services.AddSingleton(_ => new GrainClassRegistry(options.GrainClasses, options.CollectionAge, options.ClassSpecificCollectionAge));
        services.AddSingleton(sp => RuntimeConfiguration.CreateStorage(sp, configuration, options, silo.StorageProviders));
        services.AddSingleton(sp => new ReminderRegistry(
            RuntimeConfiguration.CreateReminderTable(sp, configuration, options), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SiloRuntime(
            sp,
            options,
            sp.GetRequiredService<GrainClassRegistry>(),
            sp.GetRequiredService<State.GrainStorageRegistry>(),
            sp.GetRequiredService<IShardOwnership>(),
            sp.GetRequiredService<GrainCallRouter>(),
            sp.GetRequiredService<ReminderRegistry>(),
            sp.GetServices<IIncomingGrainCallFilter>(),
            sp.GetRequiredService<ILogger<SiloRuntime>>()));
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloRuntime>());
        // In a silo the client is the silo's own router, bound to the local grain host before first use.
        services.AddSingleton<IClusterClient>(sp =>
        {
            _ = sp.GetRequiredService<SiloRuntime>();
            return sp.GetRequiredService<GrainCallRouter>();
        });
        services.AddSingleton<GrainCallEndpoint>();
        if (options.IsClustered)
        {
            services.AddSingleton(sp => new ShardBalancer(
                options,
                sp.GetRequiredService<ClusterKeys>(),
                sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(),
                sp.GetRequiredService<ShardTable>(),
                sp.GetRequiredService<SiloRuntime>(),
                sp.GetRequiredService<TimeProvider>()));
        }

        services.AddHostedService<SiloLifecycle>();
    }
}
