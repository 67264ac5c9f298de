using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.ServiceDefaults.Configuration;

namespace OpenClaw.ServiceDefaults.Redis;

/// <summary>The Redis connection every Redis-using OpenClaw service shares.</summary>
public static class RedisExtensions
{
    /// <summary>Connection name: Aspire injects <c>ConnectionStrings__redis</c>, Orleans' providers ask for the keyed client "redis".</summary>
    public const string ConnectionName = "redis";

    /// <summary>
    /// Validates <c>ConnectionStrings:redis</c> at start (a missing or malformed value stops the host with one line
    /// naming the key) and registers Aspire's keyed StackExchange.Redis client "redis", which brings its own
    /// health check (part of <c>/health</c>), tracing and connection resilience.
    /// </summary>
    public static TBuilder AddOpenClawRedis<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedSettings<RedisSettings>(builder.Configuration, sectionName: null);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[RedisSettings.Key]))
        {
            builder.AddKeyedRedisClient(ConnectionName);
        }

        return builder;
    }
}
