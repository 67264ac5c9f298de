using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Resilience;
using StackExchange.Redis;

namespace OpenClaw.Grains.Budget;

/// <summary>Registers the cluster-wide rate budget in a silo.</summary>
public static class RateBudgetServiceCollectionExtensions
{
    /// <summary>
    /// Service key of the Redis connection: the silo registers it with Aspire's <c>AddKeyedRedisClient("redis")</c>
    /// (ServiceDefaults' <c>AddOpenClawRedis</c>).
    /// </summary>
    public const string RedisServiceKey = "redis";

    /// <summary>
    /// Binds <see cref="RateBudgetOptions"/> from <c>RateBudget</c> and <see cref="PollingPlannerOptions"/> from
    /// <c>RateBudget:Polling</c>, both validated at start (failures name the key); registers <see cref="RateBudget"/> as a
    /// singleton over the keyed <see cref="IConnectionMultiplexer"/> <c>redis</c>, as this silo's <see cref="IRateBudget"/>
    /// (replacing the in-process default, whichever is registered first), and <see cref="PollingPlanner"/>.
    /// </summary>
    public static IServiceCollection AddRateBudget(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<RateBudgetOptions>().Bind(configuration.GetSection(RateBudgetOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateBudgetOptions>, RateBudgetOptionsValidator>());
        services.AddOptions<PollingPlannerOptions>().Bind(configuration.GetSection(PollingPlannerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PollingPlannerOptions>, PollingPlannerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => new RateBudget(
            sp.GetRequiredKeyedService<IConnectionMultiplexer>(RedisServiceKey),
            sp.GetRequiredService<IOptions<RateBudgetOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IMeterFactory>(),
            sp.GetService<ILogger<RateBudget>>()));
        services.RemoveAll<IRateBudget>();
        services.AddSingleton<IRateBudget>(sp => sp.GetRequiredService<RateBudget>());
        services.TryAddSingleton(sp => new PollingPlanner(sp.GetRequiredService<IOptions<PollingPlannerOptions>>().Value));
        return services;
    }
}
