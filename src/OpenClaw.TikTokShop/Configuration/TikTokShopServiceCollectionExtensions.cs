using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Resilience;
using OpenClaw.ServiceDefaults.Resilience;

namespace OpenClaw.TikTokShop.Configuration;

/// <summary>Registers the TikTok Shop client.</summary>
public static class TikTokShopServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TikTokShopOptions"/> from the <c>TikTokShop</c> section (validated at start-up, failures name
    /// the key), registers <see cref="TikTokShopClient"/> and <see cref="TikTokShopAuthClient"/> as typed HttpClients,
    /// a default <see cref="IRateBudget"/> and <see cref="TimeProvider"/> unless the host already has them.
    /// </summary>
    public static IServiceCollection AddTikTokShopClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedSettings<TikTokShopOptions>(configuration, TikTokShopOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRateBudget>(sp => new TokenBucketRateBudget(timeProvider: sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<Transport.CallPipelines>(sp =>
            new Transport.CallPipelines(sp.GetRequiredService<IOptions<TikTokShopOptions>>().Value, sp.GetRequiredService<TimeProvider>()));

        // Polly owns retries and per-attempt timeouts: neither the HttpClient's timeout nor the standard handler may stack on it.
        services.AddHttpClient<TikTokShopClient>(c => c.Timeout = Timeout.InfiniteTimeSpan).WithoutStandardResilience();
        services.AddHttpClient<TikTokShopAuthClient>(c => c.Timeout = Timeout.InfiniteTimeSpan).WithoutStandardResilience();
        return services;
    }
}
