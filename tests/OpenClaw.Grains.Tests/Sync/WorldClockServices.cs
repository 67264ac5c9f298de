using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Budget;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Sync.Tracking;
using OpenClaw.Grains.Tokens;
using OpenClaw.TikTokShop;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>
/// Puts the rate budget, the polling pacer and the shop grains' "real" clock (their backoffs and budget pauses) on
/// the given world clock's time, so the quota day is the simulator's day and a test or bench can end it by moving
/// the simulator's clock. In production all of them are the system clock. Register before <c>AddShopGrains</c>, whose
/// TryAdd keeps these.
/// </summary>
public static class WorldClockServices
{
    /// <summary>Registers <see cref="RateBudget"/>, <see cref="SyncPacer"/> and <see cref="ShopServices"/> on <paramref name="world"/>.</summary>
    public static IServiceCollection AddWorldClockSync(this IServiceCollection services, IConnectionMultiplexer redis, TimeProvider world)
    {
        services.AddSingleton(sp => new RateBudget(redis, sp.GetRequiredService<IOptions<RateBudgetOptions>>().Value, world,
            sp.GetService<IMeterFactory>(), sp.GetService<ILogger<RateBudget>>()));
        services.AddSingleton(sp => new SyncPacer(sp.GetRequiredService<RateBudget>(), sp.GetRequiredService<PollingPlanner>(), redis, world,
            sp.GetRequiredService<ILogger<SyncPacer>>()));
        services.AddTransient(sp => new ShopServices(sp.GetRequiredService<TikTokShopClient>(), sp.GetRequiredService<ITokenRefresher>(),
            sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<EntityStore>(), sp.GetRequiredService<ShopReadModel>(),
            world, sp.GetRequiredService<SyncPacer>(), sp.GetRequiredService<RateBudget>(), sp.GetRequiredService<OpenClaw.Grains.OpsErrors.OpsErrorBook>(),
            sp.GetRequiredService<OpenClaw.Grains.Metrics.Storage.MetricBook>(), sp.GetRequiredService<TrackingBacklog>()));
        return services;
    }
}
