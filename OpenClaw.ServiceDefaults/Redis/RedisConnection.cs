using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.ServiceDefaults.Health;
using StackExchange.Redis;

namespace OpenClaw.ServiceDefaults.Redis;

/// <summary>One shared StackExchange.Redis multiplexer per process, created from <c>ConnectionStrings:redis</c>.</summary>
public static class RedisConnection
{
    /// <summary>
    /// Registers <see cref="IConnectionMultiplexer"/> and a readiness check when a connection string is configured.
    /// The multiplexer does not abort when Redis is down at start-up; it keeps reconnecting in the background.
    /// </summary>
    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedSettings<RedisSettings>(builder.Configuration, sectionName: null);
        if (string.IsNullOrWhiteSpace(builder.Configuration[RedisSettings.Key]))
        {
            return builder;
        }

        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
            Connect(sp.GetRequiredService<IOptions<RedisSettings>>().Value.ConnectionString!));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>Opens a multiplexer with OpenClaw's defaults (no abort on connect failure, quick reconnects).</summary>
    public static ConnectionMultiplexer Connect(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = Math.Max(options.ConnectRetry, 3);
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        options.SyncTimeout = Math.Max(options.SyncTimeout, 5000);
        options.KeepAlive = options.KeepAlive <= 0 ? 5 : options.KeepAlive;
        // Garnet and Redis 7 both speak the commands we use; CONFIG/INFO discovery is noise on managed servers.
        options.CommandMap = CommandMap.Create(new HashSet<string> { "CONFIG" }, available: false);
        return ConnectionMultiplexer.Connect(options);
    }
}
