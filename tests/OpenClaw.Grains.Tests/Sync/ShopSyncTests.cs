using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>The simulator and cluster of <see cref="ShopSyncTests"/>.</summary>
public sealed class CleanSyncFixture : SyncFixture
{
    /// <inheritdoc />
    protected override int Seed => 901;

    /// <summary>4 shops in CI; <c>OPENCLAW_SYNC_SHOPS=50</c> runs the 50-shop check.</summary>
    public override int ShopCount => int.TryParse(Environment.GetEnvironmentVariable("OPENCLAW_SYNC_SHOPS"), out var n) && n > 0 ? n : 4;
}

/// <summary>
/// Shops onboarded through the authorization-code exchange backfill 30 days and then follow the simulator's clock;
/// what they store equals the simulator's ground truth, entity by entity (issue 9).
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class ShopSyncTests(CleanSyncFixture fixture) : IClassFixture<CleanSyncFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backfill_then_incremental_days_store_exactly_the_ground_truth()
    {
        var shops = await fixture.ConnectAllAsync("tenant-clean");
        Assert.Equal(fixture.ShopCount, shops.Count);
        foreach (var id in shops)
        {
            var snapshot = await fixture.Cluster.Client.GetGrain<IShopGrain>(id).GetAsync();
            Assert.Equal(ShopStatus.Active, snapshot.Status);
            Assert.Equal("tenant-clean", snapshot.TenantId);
        }

        await GroundTruth.WaitCaughtUpAsync(fixture, shops, TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(6 * shops.Count));
        Assert.Empty(await GroundTruth.DifferencesAsync(fixture, shops));

        // Metrics need the scans of every final package, history included (docs/metrics.md: orders_tracked).
        await TrackingTruth.WaitDrainedAsync(fixture, shops, TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(6 * shops.Count));
        var tracking = await TrackingTruth.CompareAsync(fixture, shops, Ct);
        Assert.True(tracking.FinalPackages > 10 * shops.Count, $"only {tracking.FinalPackages} final packages: the comparison would prove little");
        Assert.Empty(tracking.Differences);

        // Three more simulated days, half a day at a time: orders ship, deliver, get refunded; products get audited.
        for (var step = 0; step < 6; step++)
        {
            await fixture.AdvanceAsync(TimeSpan.FromHours(12));
            await GroundTruth.WaitCaughtUpAsync(fixture, shops, TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(2 * shops.Count));
        }

        Assert.Empty(await GroundTruth.DifferencesAsync(fixture, shops));
        await TrackingTruth.WaitDrainedAsync(fixture, shops, TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(2 * shops.Count));
        Assert.Empty((await TrackingTruth.CompareAsync(fixture, shops, Ct)).Differences);

        var report = await fixture.Cluster.Client.GetGrain<IShopGrain>(shops[0]).GetSyncReportAsync();
        Assert.All(report.Domains.Where(d => d.Domain is not (SyncDomain.Warehouses or SyncDomain.Performance)), d => Assert.True(d.Pages > 0, $"{d.Domain} fetched no page"));
        Assert.True(report.CallsToday > 0);
        Assert.NotNull(report.Budget);
        Assert.True(report.Budget.UsedToday >= report.CallsToday, "the app's quota use counts at least this shop's calls");
        Assert.True(await fixture.Store.CountAsync(shops[0], Entities.EntityKind.Warehouse) > 0, "warehouses were not stored");
        Assert.True(await fixture.Store.CountAsync(shops[0], Entities.EntityKind.PerformanceDay) > 0, "shop performance was not stored");
    }
}
