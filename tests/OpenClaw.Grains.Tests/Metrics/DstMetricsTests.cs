using OpenClaw.Grains.Metrics;
using OpenClaw.Grains.Metrics.Storage;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Tests.Sync;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Metrics;

/// <summary>
/// Three shops whose 30 days of history hold the latest season in which both Europe/London and America/Los_Angeles
/// changed their clocks (e.g. 2026-10-25 and 2026-11-01, each a 25-hour local day; in spring 23-hour days); Asia/Bangkok
/// has none. The simulated clock starts two days after the later change, so the dates follow the real calendar.
/// </summary>
public sealed class DstMetricsFixture : SyncFixture
{
    /// <summary>The DST change days, shop-local: London's and Los Angeles'.</summary>
    public static readonly (DateOnly London, DateOnly LosAngeles) ChangeDays = LatestSeason(DateTimeOffset.UtcNow);

    /// <summary>The simulated clock's start: 12:00 UTC two days after the later change.</summary>
    public static readonly DateTimeOffset Start =
        new DateTimeOffset((ChangeDays.London > ChangeDays.LosAngeles ? ChangeDays.London : ChangeDays.LosAngeles).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero).AddDays(2);

    /// <inheritdoc />
    protected override int Seed => 908;

    /// <inheritdoc />
    public override int ShopCount => 3;

    // The client accepts a fresh access token only if it expires after its (real) now and within 30 days of it
    // (TokenGrantRules): the simulated clock is behind, so the lifetime covers the gap plus ten days.
    /// <inheritdoc />
    protected override IEnumerable<string> SimulatorSettings =>
    [
        "ClockStart=" + Start.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        "AccessTokenLifetimeSeconds=" + (long)(DateTimeOffset.UtcNow - Start + TimeSpan.FromDays(10)).TotalSeconds,
    ];

    private static (DateOnly London, DateOnly LosAngeles) LatestSeason(DateTimeOffset now)
    {
        var london = Changes(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), now);
        var losAngeles = Changes(TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"), now);
        return london.SelectMany(l => losAngeles.Select(a => (London: l, LosAngeles: a)))
            .Where(p => Math.Abs(p.London.DayNumber - p.LosAngeles.DayNumber) <= 25)
            .MaxBy(p => Math.Min(p.London.DayNumber, p.LosAngeles.DayNumber));
    }

    // UTC dates (at least three days ago, within two years) on which the zone's offset changed: its local change days.
    private static List<DateOnly> Changes(TimeZoneInfo zone, DateTimeOffset now)
    {
        var days = new List<DateOnly>();
        for (var day = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-3); days.Count < 4; day = day.AddDays(-1))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (zone.GetUtcOffset(midnight) != zone.GetUtcOffset(midnight.AddDays(1)))
            {
                days.Add(day);
            }
        }

        return days;
    }
}

/// <summary>Issue 10: day buckets follow each shop's local midnight, including a DST change day.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class DstMetricsTests(DstMetricsFixture fixture) : IClassFixture<DstMetricsFixture>
{
    private static readonly (string Zone, string DstDay)[] Zones =
    [
        ("America/Los_Angeles", MetricsTruth.Text(DstMetricsFixture.ChangeDays.LosAngeles)),
        ("Europe/London", MetricsTruth.Text(DstMetricsFixture.ChangeDays.London)),
        ("Asia/Bangkok", MetricsTruth.Text(DstMetricsFixture.ChangeDays.London)),
    ];

    [Fact]
    public async Task Buckets_ShopsInThreeZones_EqualTheTruthOnEveryLocalDayIncludingTheDstChangeDays()
    {
        var shops = await fixture.ConnectAllAsync("tenant-dst");
        var redis = await ConnectionMultiplexer.ConnectAsync((await SharedRedis.GetAsync()).ConnectionString);
        await using (redis)
        {
            var db = redis.GetDatabase();
            for (var i = 0; i < shops.Count; i++)
            {
                var grain = fixture.Cluster.Client.GetGrain<IShopGrain>(shops[i]);
                await grain.UpdateSettingsAsync((await grain.GetAsync()).Settings with { TimeZone = Zones[i].Zone });
            }

            await GroundTruth.WaitCaughtUpAsync(fixture, shops, TimeSpan.FromMinutes(4));
            for (var i = 0; i < shops.Count; i++)
            {
                var (shop, zone) = (shops[i], Zones[i].Zone);
                await Eventually.TrueAsync(async () =>
                {
                    var meta = await db.HashGetAsync(MetricKeys.Meta(shop), [MetricKeys.ZoneField, MetricKeys.RebuildField]);
                    return meta[0] == zone && meta[1].IsNull;
                }, TimeSpan.FromMinutes(2), () => $"the buckets of {shop} were not rebuilt in {zone}");
            }

            // Every local day of the 30, the 25-hour ones included, field by field (an order in the repeated hour or
            // near either midnight would land in a neighbouring bucket if the day were cut at a fixed offset).
            var result = await MetricsTruth.CompareAsync(fixture, db, shops);
            Assert.True(result.Fields > 100, $"only {result.Fields} fields compared");
            Assert.True(result.Differences.Count + result.TrackingDifferences.Count == 0,
                "buckets differ from the truth:\n" + string.Join('\n', result.Differences.Concat(result.TrackingDifferences)));

            // The DST days were among them, with orders in them.
            TestContext.Current.SendDiagnosticMessage($"DST days {DstMetricsFixture.ChangeDays}, clock from {DstMetricsFixture.Start:O}: {result.Fields} fields equal");
            for (var i = 0; i < shops.Count; i++)
            {
                var created = await db.HashGetAsync(MetricKeys.Bucket(shops[i], Zones[i].DstDay), MetricFields.OrdersCreated);
                Assert.True((long)created > 0, $"{shops[i]} ({Zones[i].Zone}) has no orders on {Zones[i].DstDay}");
            }
        }
    }
}
