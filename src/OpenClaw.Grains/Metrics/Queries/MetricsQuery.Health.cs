using System.Text.Json;
using OpenClaw.Grains.Entities;

namespace OpenClaw.Grains.Metrics.Queries;

// Shop health (TikTok's targets) and reconciliation with TikTok's shop performance (docs/metrics.md).
public sealed partial class MetricsQuery
{
    /// <summary>Days a health judgement covers, today (shop-local) included.</summary>
    public const int HealthDays = 30;

    /// <summary>Flag threshold of reconciliation: 3 % of TikTok's figure.</summary>
    public const decimal ReconciliationTolerance = 0.03m;

    /// <summary>
    /// The shop's health over the last 30 shop-local days ending on the local date of <paramref name="now"/> in the zone
    /// its buckets are built in: 100 − 25 per missed target (late dispatch &lt; 4 %, seller-fault cancellation ≤ 2.5 %,
    /// valid tracking ≥ 95 %, fast dispatch &gt; 95 %); a target whose rate is null is not judged.
    /// </summary>
    public async Task<ShopHealth> HealthAsync(string shopId, DateTimeOffset now)
    {
        var zoneId = (await redis.GetDatabase().HashGetAsync(Storage.MetricKeys.Meta(shopId), Storage.MetricKeys.ZoneField).ConfigureAwait(false)).ToString();
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId ?? "", out var z) ? z : TimeZoneInfo.Utc;
        var to = MetricContribution.LocalDate(now, zone);
        var from = to.AddDays(1 - HealthDays);
        var rates = (await ShopTotalsAsync([shopId], from, to).ConfigureAwait(false))[0].Summary.Rates;
        var reasons = new List<HealthReason>();
        Judge(reasons, "late_dispatch", rates.LateDispatch, 0.04m, "< 0.04", (v, t) => v < t);
        Judge(reasons, "seller_fault_cancellation", rates.SellerFaultCancellation, 0.025m, "<= 0.025", (v, t) => v <= t);
        Judge(reasons, "valid_tracking", rates.ValidTracking, 0.95m, ">= 0.95", (v, t) => v >= t);
        Judge(reasons, "fast_dispatch", rates.FastDispatch, 0.95m, "> 0.95", (v, t) => v > t);
        return new ShopHealth(shopId, from, to, 100 - 25 * reasons.Count, reasons, rates);
    }

    /// <summary>Per shop-local day, our <c>orders_paid</c>, <c>gmv</c> and <c>refund_amount</c> beside TikTok's stored shop performance.</summary>
    /// <exception cref="ArgumentException">The range is reversed or longer than <see cref="MaxDays"/>.</exception>
    public async Task<IReadOnlyList<ReconciliationDay>> ReconcileAsync(string shopId, DateOnly from, DateOnly to)
    {
        var series = await SeriesAsync(shopId, from, to).ConfigureAwait(false);
        var dates = series.Select(d => MetricContribution.Day(d.Date)).ToList();
        var theirs = (await store.GetManyAsync(shopId, EntityKind.PerformanceDay, dates).ConfigureAwait(false))
            .Select(e => JsonSerializer.Deserialize(e.Json, StoredEntityJson.Default.StoredPerformanceDay)!)
            .ToDictionary(p => p.Date, StringComparer.Ordinal);
        return [.. series.Select(day =>
        {
            var performance = theirs.GetValueOrDefault(MetricContribution.Day(day.Date));
            var money = day.Summary.Money is { Count: > 0 } m ? m[0] : null;
            return new ReconciliationDay(day.Date,
                Figure(day.Summary.Count(MetricFields.OrdersPaid), performance?.Orders),
                Figure(money?.Gmv ?? 0, performance?.Gmv),
                Figure(money?.RefundAmount ?? 0, performance?.Refunds));
        })];
    }

    private static ReconciledFigure Figure(decimal ours, decimal? theirs) =>
        new(ours, theirs, theirs is { } t && Math.Abs(ours - t) > ReconciliationTolerance * Math.Abs(t));

    private static void Judge(List<HealthReason> reasons, string metric, decimal? value, decimal target, string rule, Func<decimal, decimal, bool> meets)
    {
        if (value is { } v && !meets(v, target))
        {
            reasons.Add(new HealthReason(metric, v, target, rule));
        }
    }
}
