using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Metrics.Queries;
using OpenClaw.Grains.Metrics.Storage;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Tests.Sync;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Metrics;

/// <summary>The simulator and cluster of <see cref="MetricsTruthTests"/>; shops are connected and backfilled once.</summary>
public sealed class MetricsSyncFixture : SyncFixture
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<string>? _shops;
    private ConnectionMultiplexer? _mux;

    /// <inheritdoc />
    protected override int Seed => 931;

    /// <summary>4 shops in CI; <c>OPENCLAW_SYNC_SHOPS=50</c> runs the issue's 50-shop check.</summary>
    public override int ShopCount => int.TryParse(Environment.GetEnvironmentVariable("OPENCLAW_SYNC_SHOPS"), out var n) && n > 0 ? n : 4;

    /// <summary>The store the grains write.</summary>
    public IDatabase Redis => (_mux ?? throw new InvalidOperationException("not connected")).GetDatabase();

    /// <summary>The query layer over the same store.</summary>
    public MetricsQuery Query => new(_mux!, Store, new ShopReadModel(_mux!));

    /// <summary>The silo's metric book.</summary>
    public MetricBook Book => Cluster.Silos[0].ServiceProvider.GetRequiredService<MetricBook>();

    /// <summary>Every shop connected, its 30 days backfilled and caught up with the simulator's now (once per fixture).</summary>
    public async Task<IReadOnlyList<string>> ShopsAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_shops is null)
            {
                _mux = await ConnectionMultiplexer.ConnectAsync((await SharedRedis.GetAsync()).ConnectionString);
                var shops = await ConnectAllAsync("tenant-metrics");
                await GroundTruth.WaitCaughtUpAsync(this, shops, TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(6 * shops.Count));
                // History's tracking (one call per final package, ~390 a shop) drains for every shop at once: wait for all of
                // it here, so a test comparing one shop does not wait for the whole fleet's backlog within a one-shop timeout.
                await TrackingTruth.WaitDrainedAsync(this, shops, TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(10 * shops.Count));
                _shops = shops;
            }

            return _shops;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>
/// OpenClaw's day buckets, written by the shop grains while they sync from the simulator, equal the simulator's metrics
/// truth for every shop, day and field (issue 10); zone changes rebuild them; reconciliation flags a skewed day.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class MetricsTruthTests(MetricsSyncFixture fixture) : IClassFixture<MetricsSyncFixture>
{
    private static readonly string[] Zones = ["Asia/Bangkok", "America/Los_Angeles", "Europe/London"];

    private static void AssertEqualToTruth(MetricsTruthResult result)
    {
        Assert.True(result.Fields > 100, $"only {result.Fields} fields compared: the comparison would prove little");
        Assert.True(result.Differences.Count == 0, "buckets differ from the truth:\n" + string.Join('\n', result.Differences));
        // Tracking of every final package is fetched (backfill too, ShopGrain.Tracking.cs) and counted: equal as well.
        Assert.True(result.TrackingDifferences.Count == 0, "tracking fields differ from the truth:\n" + string.Join('\n', result.TrackingDifferences));
        Assert.True(result.TrackingAhead.Count == 0, "tracking fields above the truth:\n" + string.Join('\n', result.TrackingAhead));
    }

    [Fact]
    public async Task Buckets_BackfillThenClockSteps_EqualTheSimulatorTruth()
    {
        var shops = await fixture.ShopsAsync();
        AssertEqualToTruth(await MetricsTruth.CompareAsync(fixture, fixture.Redis, shops));

        for (var step = 0; step < 4; step++)
        {
            await fixture.AdvanceAsync(TimeSpan.FromHours(12));
            await GroundTruth.WaitCaughtUpAsync(fixture, shops, TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(2 * shops.Count));
        }

        var result = await MetricsTruth.CompareAsync(fixture, fixture.Redis, shops);
        AssertEqualToTruth(result);
        TestContext.Current.SendDiagnosticMessage($"{result.Fields} fields compared; tracking differences: {result.TrackingDifferences.Count}\n"
            + string.Join('\n', result.TrackingDifferences));
    }

    [Fact]
    public async Task Buckets_TimeZoneChanged_RebuiltOnTheNewZonesLocalDays()
    {
        var shop = (await fixture.ShopsAsync())[0];
        var grain = fixture.Cluster.Client.GetGrain<IShopGrain>(shop);
        foreach (var zone in Zones)
        {
            var settings = (await grain.GetAsync()).Settings;
            await grain.UpdateSettingsAsync(settings with { TimeZone = zone });
            await Eventually.TrueAsync(async () =>
            {
                var meta = await fixture.Redis.HashGetAsync(MetricKeys.Meta(shop), [MetricKeys.ZoneField, MetricKeys.RebuildField]);
                return meta[0] == zone && meta[1].IsNull;
            }, TimeSpan.FromMinutes(1), () => $"the buckets of {shop} were not rebuilt in {zone}");

            AssertEqualToTruth(await MetricsTruth.CompareAsync(fixture, fixture.Redis, [shop]));
        }
    }

    [Fact]
    public async Task Buckets_StoredGroupsReappliedTwice_Unchanged()
    {
        var shop = (await fixture.ShopsAsync())[1];
        var grain = fixture.Cluster.Client.GetGrain<IShopGrain>(shop);
        var settings = (await grain.GetAsync()).Settings;
        // The grain is the only writer of its buckets: paused, it starts no sync turn while the snapshot is compared
        // (the call runs after a turn in progress, since timer callbacks do not interleave).
        await grain.UpdateSettingsAsync(settings with { Paused = true });
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
            var before = await BucketsAsync(shop);
            var touched = new TouchedGroups();
            foreach (var kind in new[] { EntityKind.Order, EntityKind.Return, EntityKind.Product })
            {
                await foreach (var e in fixture.Store.ReadAllAsync(shop, kind))
                {
                    touched.Add(kind, e.Id, e.Json);
                }
            }

            var first = await fixture.Book.ApplyAsync(shop, zone, touched, fixture.Clock.Now);
            var second = await fixture.Book.ApplyAsync(shop, zone, touched, fixture.Clock.Now);

            Assert.True(first.Groups > 50, $"only {first.Groups} groups re-applied");
            Assert.Equal(0, first.Changed);
            Assert.Equal(0, second.Changed);
            var after = await BucketsAsync(shop);
            Assert.True(before.Count == after.Count && before.All(e => after.TryGetValue(e.Key, out var v) && v == e.Value),
                "re-applying changed the buckets:\n" + string.Join('\n', before.Keys.Union(after.Keys)
                    .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
                    .Select(k => $"{k}: {before.GetValueOrDefault(k) ?? "-"} -> {after.GetValueOrDefault(k) ?? "-"}")));
        }
        finally
        {
            await grain.UpdateSettingsAsync(settings with { Paused = false });
        }
    }

    [Fact]
    public async Task Reconciliation_FivePercentSkew_FlaggedOnePercentNot()
    {
        var shop = (await fixture.ShopsAsync())[2];
        var skewed = MetricsTruth.Text(await MetricsTruth.LocalDayAsync(fixture, shop, 2));
        var slight = MetricsTruth.Text(await MetricsTruth.LocalDayAsync(fixture, shop, 3));
        await fixture.AdminAsync(HttpMethod.Post, "/_sim/analytics/skew", new { shop_id = shop, date = skewed, factor = 1.05 });
        await fixture.AdminAsync(HttpMethod.Post, "/_sim/analytics/skew", new { shop_id = shop, date = slight, factor = 1.01 });
        var before = await fixture.Store.GetAsync(shop, EntityKind.PerformanceDay, skewed);
        await fixture.Cluster.Client.GetGrain<IShopGrain>(shop).SyncNowAsync([SyncDomain.Performance]);
        await Eventually.TrueAsync(async () => (await fixture.Store.GetAsync(shop, EntityKind.PerformanceDay, skewed))?.Json != before?.Json,
            TimeSpan.FromMinutes(1), () => "shop performance was not fetched again");

        var to = await MetricsTruth.LocalDayAsync(fixture, shop, 1);
        var days = await fixture.Query.ReconcileAsync(shop, to.AddDays(-9), to);

        var flagged = days.Where(d => d.Flagged).Select(d => MetricsTruth.Text(d.Date)).ToList();
        Assert.Equal([skewed], flagged);
        var skewedDay = days.Single(d => MetricsTruth.Text(d.Date) == skewed);
        Assert.True(skewedDay.Gmv.Flagged && skewedDay.Gmv.Ours > 0, $"gmv ours {skewedDay.Gmv.Ours}, theirs {skewedDay.Gmv.Theirs}");
        Assert.All(days.Where(d => MetricsTruth.Text(d.Date) != skewed && MetricsTruth.Text(d.Date) != slight),
            d => Assert.Equal(d.Gmv.Theirs, d.Gmv.Ours));
    }

    private async Task<Dictionary<string, string>> BucketsAsync(string shop)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        var today = await MetricsTruth.LocalDayAsync(fixture, shop, 0);
        foreach (var day in Enumerable.Range(0, 40).Select(i => MetricsTruth.Text(today.AddDays(-i))).Append("products"))
        {
            foreach (var e in await fixture.Redis.HashGetAllAsync(MetricKeys.Bucket(shop, day)))
            {
                all[day + " " + e.Name] = e.Value.ToString();
            }
        }

        return all;
    }
}
