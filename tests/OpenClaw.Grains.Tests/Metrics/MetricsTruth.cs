using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OpenClaw.Grains.Metrics;
using OpenClaw.Grains.Metrics.Storage;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Tests.Sync;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Metrics;

/// <summary>What <see cref="MetricsTruth.CompareAsync"/> found.</summary>
/// <param name="Fields">Non-zero (shop, bucket, field) values compared, ours or the truth's.</param>
/// <param name="Differences">Differences outside the tracking-derived fields (first 30 lines).</param>
/// <param name="TrackingDifferences">Differences in tracking-derived fields (first 30 lines).</param>
/// <param name="TrackingAhead">Tracking-derived values where OpenClaw counts more than the truth (never expected).</param>
public sealed record MetricsTruthResult(int Fields, IReadOnlyList<string> Differences, IReadOnlyList<string> TrackingDifferences, IReadOnlyList<string> TrackingAhead);

/// <summary>
/// Compares OpenClaw's day buckets and product snapshot, shop by shop, day by day and field by field, with the
/// simulator's metrics truth (<c>GET /_sim/truth/{shop}/metrics</c>, docs/simulator.md) in the zone the shop reports in.
/// </summary>
public static class MetricsTruth
{
    /// <summary>Days compared, today (shop-local) included: the backfilled history.</summary>
    public const int Days = 30;

    private const int MaxLines = 30;

    /// <summary>
    /// Fields that count only tracking OpenClaw holds (docs/metrics.md): they equal the truth only once tracking is
    /// fetched for every final package, backfill included (the package fetcher's tracking policy).
    /// </summary>
    public static bool IsTrackingField(string field) =>
        field is MetricFields.OrdersTracked or MetricFields.OrdersTrackingValid
        || field.StartsWith(MetricFields.LogisticsExceptions + ":", StringComparison.Ordinal)
        || field.StartsWith(MetricFields.LogisticsExceptionCodes + ":", StringComparison.Ordinal);

    /// <summary>Compares every shop of <paramref name="shopIds"/>.</summary>
    public static async Task<MetricsTruthResult> CompareAsync(SyncFixture fixture, IDatabase redis, IReadOnlyList<string> shopIds)
    {
        // Tracking is the turn's lowest-priority work: the buckets' tracking fields are complete once no shop waits for any.
        await TrackingTruth.WaitDrainedAsync(fixture, shopIds, TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(6 * shopIds.Count));
        var differences = new List<string>();
        var tracking = new List<string>();
        var ahead = new List<string>();
        var compared = 0;
        var summaries = new List<string>();
        foreach (var shopId in shopIds)
        {
            var differingDays = new SortedSet<string>(StringComparer.Ordinal);
            var zoneId = (await fixture.Cluster.Client.GetGrain<IShopGrain>(shopId).GetAsync()).Settings.TimeZone;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            var today = MetricContribution.LocalDate(fixture.Clock.Now, zone);
            var from = today.AddDays(1 - Days);
            var truth = await fixture.Simulator.GetFromJsonAsync<JsonElement>(
                $"/_sim/truth/{shopId}/metrics?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&time_zone={Uri.EscapeDataString(zoneId)}");
            var buckets = truth.GetProperty("days").EnumerateObject().Select(d => (d.Name, Truth: d.Value))
                .Append((MetricContribution.SnapshotBucket, truth.GetProperty("products")));
            foreach (var (bucket, expected) in buckets)
            {
                var want = expected.EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetInt64(), StringComparer.Ordinal);
                var got = (await redis.HashGetAllAsync(MetricKeys.Bucket(shopId, bucket))).ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal);
                foreach (var field in want.Keys.Union(got.Keys))
                {
                    compared++;
                    var (ours, theirs) = (got.GetValueOrDefault(field), want.GetValueOrDefault(field));
                    if (ours == theirs)
                    {
                        continue;
                    }

                    var line = $"{shopId} ({zoneId}) {bucket} {field}: ours {ours}, truth {theirs}";
                    (IsTrackingField(field) ? tracking : differences).Add(line);
                    if (!IsTrackingField(field))
                    {
                        differingDays.Add(bucket);
                    }

                    if (IsTrackingField(field) && ours > theirs)
                    {
                        ahead.Add(line);
                    }
                }
            }

            if (differingDays.Count > 0)
            {
                summaries.Add(await DescribeAsync(redis, shopId, differingDays));
            }
        }

        return new MetricsTruthResult(compared, [.. summaries, .. differences.Take(MaxLines)], [.. tracking.Take(MaxLines)], [.. ahead.Take(MaxLines)]);
    }

    // Where a shop's buckets stand (a rebuild in progress, the ledger's size) beside the days that differ.
    private static async Task<string> DescribeAsync(IDatabase redis, string shopId, SortedSet<string> days)
    {
        var meta = await redis.HashGetAllAsync(MetricKeys.Meta(shopId));
        var ledger = await redis.HashLengthAsync(MetricKeys.Ledger(shopId));
        return $"{shopId}: {days.Count} days differ ({string.Join(", ", days)}); meta {{{string.Join(", ", meta.Select(e => $"{e.Name}={e.Value}"))}}}; ledger {ledger} groups";
    }

    /// <summary>The shop's local date <paramref name="daysAgo"/> days before today in its reporting zone.</summary>
    public static async Task<DateOnly> LocalDayAsync(SyncFixture fixture, string shopId, int daysAgo)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById((await fixture.Cluster.Client.GetGrain<IShopGrain>(shopId).GetAsync()).Settings.TimeZone);
        return MetricContribution.LocalDate(fixture.Clock.Now, zone).AddDays(-daysAgo);
    }

    /// <summary>A date as the simulator and the buckets spell it.</summary>
    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
