using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Runtime.Cluster;
using OpenClaw.Runtime.Invocation;
using OpenClaw.Runtime.Reminders;
using OpenClaw.Runtime.State;
using OpenClaw.Runtime.Transport;
using OpenClaw.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace OpenClaw.Runtime.Hosting;

/// <summary>Reads the keys Aspire injects for Orleans and Redis, and registers what silos and clients share.</summary>
internal static class RuntimeConfiguration
{
    public const string RedisConnectionKey = "ConnectionStrings:redis";

    public static void Bind(IConfiguration configuration, OpenClawRuntimeOptions options)
    {
        var orleans = configuration.GetSection("Orleans");
        options.ServiceId = orleans["ServiceId"] ?? options.ServiceId;
        options.ClusterId = orleans["ClusterId"] ?? options.ClusterId;
        options.ClusteringProvider = orleans["Clustering:ProviderType"] ?? options.ClusteringProvider;
        if (int.TryParse(orleans["Endpoints:SiloPort"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port))
        {
            options.SiloPort = port;
        }

        options.AdvertisedHost = orleans["Endpoints:AdvertisedIPAddress"] ?? options.AdvertisedHost;
    }

    /// <summary>The Redis connection: the one already registered (ServiceDefaults) or one from <c>ConnectionStrings:redis</c>.</summary>
    public static void AddRedis(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<IConnectionMultiplexer>(_ =>
        {
            var connectionString = configuration[RedisConnectionKey]
                ?? throw new InvalidOperationException($"{RedisConnectionKey} is required for Redis clustering, storage or reminders.");
            return RedisConnection.Connect(connectionString);
        });
    }

    /// <summary>Shard ownership, router and remote caller (shared by silos and clients).</summary>
    public static void AddRouting(IServiceCollection services, OpenClawRuntimeOptions options)
    {
        if (options.IsClustered)
        {
            services.AddSingleton(new ClusterKeys(options));
            services.AddSingleton<ShardTable>();
            services.AddSingleton<IShardOwnership>(sp => sp.GetRequiredService<ShardTable>());
            services.AddSingleton(_ => new RemoteGrainCaller(options.ResponseTimeout));
        }
        else
        {
            services.AddSingleton<IShardOwnership, LocalShardOwnership>();
        }

        services.AddSingleton(sp => new GrainCallRouter(
            sp.GetRequiredService<IShardOwnership>(),
            options.IsClustered ? sp.GetRequiredService<RemoteGrainCaller>() : null,
            options.ResponseTimeout,
            sp.GetServices<IOutgoingGrainCallFilter>()));
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<GrainCallRouter>());
        services.TryAddSingleton(TimeProvider.System);
    }

    /// <summary>Storage providers from <c>Orleans:GrainStorage:{name}:ProviderType</c> (Redis or Memory).</summary>
    public static GrainStorageRegistry CreateStorage(IServiceProvider services, IConfiguration configuration, OpenClawRuntimeOptions options, IReadOnlyDictionary<string, Func<IServiceProvider, IGrainStorage>> custom)
    {
        var registry = new GrainStorageRegistry();
        foreach (var section in configuration.GetSection("Orleans:GrainStorage").GetChildren())
        {
            registry.Add(section.Key, ProviderFor(section["ProviderType"], services, options));
        }

        foreach (var (name, factory) in custom)
        {
            registry.Add(name, factory(services));
        }

        if (!configuration.GetSection("Orleans:GrainStorage").GetChildren().Any(s => s.Key.Equals(GrainStorageRegistry.DefaultName, StringComparison.OrdinalIgnoreCase))
            && !custom.ContainsKey(GrainStorageRegistry.DefaultName))
        {
            registry.Add(GrainStorageRegistry.DefaultName, ProviderFor(configuration[RedisConnectionKey] is null ? "Memory" : "Redis", services, options));
        }

        return registry;
    }

    /// <summary>Reminders in Redis when <c>Orleans:Reminders:ProviderType</c> is Redis, or by default when Redis is configured.</summary>
    public static IReminderTable CreateReminderTable(IServiceProvider services, IConfiguration configuration, OpenClawRuntimeOptions options)
    {
        var provider = configuration["Orleans:Reminders:ProviderType"] ?? (configuration[RedisConnectionKey] is null ? "Memory" : "Redis");
        return string.Equals(provider, "Redis", StringComparison.OrdinalIgnoreCase)
            ? new RedisReminderTable(services.GetRequiredService<IConnectionMultiplexer>(), options.ServiceId)
            : new MemoryReminderTable();
    }

    private static IGrainStorage ProviderFor(string? providerType, IServiceProvider services, OpenClawRuntimeOptions options) => providerType switch
    {
        _ when string.Equals(providerType, "Redis", StringComparison.OrdinalIgnoreCase) =>
            new RedisGrainStorage(services.GetRequiredService<IConnectionMultiplexer>(), options.ServiceId),
        _ when string.Equals(providerType, "Memory", StringComparison.OrdinalIgnoreCase) => new MemoryGrainStorage(),
        _ => throw new InvalidOperationException($"Unknown grain storage provider type '{providerType}' (use Redis or Memory)."),
    };
}
