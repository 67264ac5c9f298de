using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Grains.Budget;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>
/// One shop, a daily quota of 400 calls, and the rate budget, polling pacer and the grains' backoff clock on the
/// simulator's clock (running at real speed from 23:00), so a quota day can end when the test says so. Backfill
/// (~170 calls) fits the budget's backfill pace at 23:00 (70 % of the quota × 23/24 ≈ 268), the tracking of the
/// month's ~300 final packages does not.
/// </summary>
public sealed class TightQuotaSyncFixture : SyncFixture
{
    /// <summary>The simulator's start: 23:00 UTC today, or tomorrow when that is less than 10 minutes away (never before the real clock, so tokens look valid to it).</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.Date.AddHours(23) is var today && today > DateTimeOffset.UtcNow.AddMinutes(10)
        ? new DateTimeOffset(today, TimeSpan.Zero) : new DateTimeOffset(today.AddDays(1), TimeSpan.Zero);

    /// <inheritdoc />
    protected override int Seed => 905;

    /// <inheritdoc />
    public override int ShopCount => 1;

    /// <inheritdoc />
    protected override IEnumerable<string> SimulatorSettings => ["ClockSpeed=1", "ClockStart=" + Start.ToString("O", CultureInfo.InvariantCulture)];

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        new Dictionary<string, string?>(base.Settings()) { ["RateBudget:DailyQuota"] = "400" };

    /// <inheritdoc />
    protected override void ConfigureServices(IServiceCollection services, IConnectionMultiplexer redis)
    {
        // As the sync bench's silo: the quota day, the pacer and the grains' backoffs follow the simulator's clock.
        services.AddWorldClockSync(redis, new SimulatorTimeProvider(Clock, TimeSpan.Zero));
    }
}

/// <summary>Tracking the quota cannot afford today waits in the shop's list and is fetched on a later day, none lost (issue 9).</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class TrackingDeferralTests(TightQuotaSyncFixture fixture) : IClassFixture<TightQuotaSyncFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tracking_QuotaTooShortToday_WaitsInTheListAndIsStoredOnALaterDay()
    {
        var shops = await fixture.ConnectAllAsync("tenant-tight");
        var shopId = Assert.Single(shops);
        var budget = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<RateBudget>();

        // Today: the history is stored, then the budget stops backfill-priority work for the rest of the day while
        // tracking still waits.
        await Eventually.TrueAsync(async () =>
        {
            var report = await fixture.Cluster.Client.GetGrain<IShopGrain>(shopId).GetSyncReportAsync();
            if (!report.Domains.Where(d => d.Domain is not (SyncDomain.Warehouses or SyncDomain.Performance)).All(d => d.BackfillComplete))
            {
                return false;
            }

            var (_, backlog) = await fixture.Tracking.CountAsync(shopId);
            return backlog > 0 && BackfillPaceReached(await budget.GetUsageAsync());
        }, TimeSpan.FromMinutes(3), () => "backfill did not complete with tracking deferred");

        var deferred = (await fixture.Tracking.PeekAsync(shopId, due: false, 10_000)).Select(p => p.OrderId).ToList();
        Assert.NotEmpty(deferred);
        Assert.True(await fixture.Store.CountAsync(shopId, EntityKind.Tracking) > 0, "no tracking was fetched within today's pace");

        // Later days: each new quota day drains what its pace allows, until nothing waits.
        for (var day = 0; day < 4 && (await fixture.Tracking.CountAsync(shopId)) is var (due, backlog) && due + backlog > 0; day++)
        {
            await fixture.AdvanceAsync(TimeSpan.FromDays(1));
            await Eventually.TrueAsync(async () =>
            {
                var (d, b) = await fixture.Tracking.CountAsync(shopId);
                return d + b == 0 || BackfillPaceReached(await budget.GetUsageAsync());
            }, TimeSpan.FromMinutes(2), () => "the tracking list neither drained nor reached the day's pace");
        }

        foreach (var orderId in deferred)
        {
            Assert.NotNull(await fixture.Store.GetAsync(shopId, EntityKind.Tracking, orderId));
        }

        // Everything final before the packages watermark has its tracking (the clock runs on, so later packages may not yet).
        var last = "";
        await Eventually.TrueAsync(async () =>
        {
            var (d, b) = await fixture.Tracking.CountAsync(shopId);
            var report = await fixture.Cluster.Client.GetGrain<IShopGrain>(shopId).GetSyncReportAsync();
            var watermark = report.Domains.Single(x => x.Domain == SyncDomain.Packages).Watermark;
            var comparison = await TrackingTruth.CompareAsync(fixture, shops, Ct, watermark);
            last = $"{d} due, {b} in the backlog; {string.Join("; ", comparison.Differences)}";
            return d + b == 0 && comparison.Differences.Count == 0;
        }, TimeSpan.FromMinutes(1), () => "tracking differs from the simulator: " + last);
    }

    // The budget's documented backfill pace (docs/architecture.md): at a fraction f of the quota day, backfill-priority
    // calls pass only while the day's use is below f × quota × (1 − BackfillQuotaReserve, 0.30 by default).
    private static bool BackfillPaceReached(RateBudgetUsage usage)
    {
        var f = 1 - ((usage.DayEndsAt - usage.AsOf) / TimeSpan.FromDays(1));
        return usage.UsedToday >= f * usage.DailyQuota * 0.7;
    }
}
