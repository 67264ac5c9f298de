using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Resilience;

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

        // Polly owns per-attempt timeouts; the HttpClient must not cut them short.
        RemoveStandardResilience(services.AddHttpClient<TikTokShopClient>(c => c.Timeout = Timeout.InfiniteTimeSpan));
        RemoveStandardResilience(services.AddHttpClient<TikTokShopAuthClient>(c => c.Timeout = Timeout.InfiniteTimeSpan));
        return services;
    }

    // AddServiceDefaults gives every HttpClient the standard resilience handler (retries, timeouts, circuit breaker).
    // These clients run their own Polly pipeline that knows TikTok's error codes, rate budget and Retry-After; stacked
    // under it, the standard handler would multiply every retry and cut attempts at its own timeouts.
    private static void RemoveStandardResilience(IHttpClientBuilder builder)
    {
#pragma warning disable EXTEXP0001 // Experimental API; it is the documented way to opt one client out of ConfigureHttpClientDefaults' handler.
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
