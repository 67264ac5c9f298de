using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Alerts.Evaluation;
using OpenClaw.Grains.Budget;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Metrics.Storage;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Tokens;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.ServiceDefaults.Redis;
using OpenClaw.TikTokShop.Configuration;
using StackExchange.Redis;

namespace OpenClaw.Grains.Hosting;

/// <summary>Registers what the shop and tenant grains need in a silo (the Redis client "redis" must already be registered).</summary>
public static class GrainServiceExtensions
{
    /// <summary>Redis key of the Data Protection key ring shared by every silo (ARCHITECTURE §5: key ring in Redis).</summary>
    public const string KeyRingKey = "oc:dataprotection:keys";

    /// <summary>
    /// Adds the TikTok client (section <c>TikTokShop</c>), sync settings (<c>Sync</c>), token timing (<c>Tokens</c>),
    /// the entity store, metric book (<c>Metrics</c>) and read models on the keyed Redis client <c>redis</c>, Data Protection with its key ring in
    /// Redis, and the TikTok clock (<see cref="TikTokClock"/>; the system clock unless the host registered one).
    /// </summary>
    public static IServiceCollection AddShopGrains(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddTikTokShopClient(configuration);

        // The cluster-wide budget; its app key defaults to the TikTok app's.
        services.AddRateBudget(configuration);
        services.PostConfigure<RateBudgetOptions>(o => o.AppKey = o.AppKey is { Length: > 0 } key ? key : configuration["TikTokShop:AppKey"] ?? "");
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<SyncPacer>(sp, Redis(sp)));
        services.AddValidatedSettings<SyncOptions>(configuration, SyncOptions.SectionName);
        services.AddOptions<TokenLifecycleOptions>().Bind(configuration.GetSection("Tokens"))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddKeyedSingleton(TikTokClock.ServiceKey, (sp, _) => sp.GetRequiredService<TimeProvider>());

        services.TryAddSingleton(sp => new EntityStore(Redis(sp)));
        services.AddValidatedSettings<MetricsOptions>(configuration, MetricsOptions.SectionName);
        services.TryAddSingleton(sp => new MetricBook(Redis(sp), sp.GetRequiredService<EntityStore>(), sp.GetRequiredService<IOptions<MetricsOptions>>()));
        services.TryAddSingleton(sp => new Sync.Tracking.TrackingBacklog(Redis(sp)));
        services.TryAddSingleton(sp => new ShopReadModel(Redis(sp)));
        services.TryAddSingleton(sp => new TenantIndex(Redis(sp)));
        services.TryAddTransient<ITokenRefresher, AuthClientTokenRefresher>();
        services.TryAddTransient<ShopServices>();
        services.AddOpsErrors(configuration);
        services.AddShopAlerts(configuration);

        services.AddDataProtection().SetApplicationName("OpenClaw");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlRepository = new RedisXmlRepository(() => Redis(sp).GetDatabase(), KeyRingKey));
        return services;
    }

    private static IConnectionMultiplexer Redis(IServiceProvider sp) =>
        sp.GetRequiredKeyedService<IConnectionMultiplexer>(RedisExtensions.ConnectionName);
}
