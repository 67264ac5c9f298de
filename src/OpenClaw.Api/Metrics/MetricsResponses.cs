using OpenClaw.Grains.Metrics.Queries;

namespace OpenClaw.Api.Metrics;

/// <summary>
/// <c>GET /api/v1/metrics/overview</c>: the tenant's total and one page of its shops' sums over shop-local days
/// (<c>day_boundary</c> is always <c>shop-local</c>: each shop's own midnight, docs/metrics.md).
/// </summary>
/// <param name="ComputedAt">When the shared result's read started (UTC, ISO 8601): every figure is at least that fresh.</param>
/// <param name="From">First shop-local date.</param>
/// <param name="To">Last shop-local date (inclusive).</param>
/// <param name="DayBoundary"><c>shop-local</c>.</param>
/// <param name="Total">Every shop of the tenant together, whatever the page (money per currency, never added across currencies).</param>
/// <param name="ShopCount">Shops in the tenant total, i.e. across all pages.</param>
/// <param name="Shops">This page's shops, by shop id.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last.</param>
public sealed record MetricsOverview(DateTimeOffset ComputedAt, DateOnly From, DateOnly To, string DayBoundary, MetricSummary Total,
    int ShopCount, IReadOnlyList<ShopMetrics> Shops, string? NextCursor);

/// <summary><c>GET /api/v1/metrics/compare</c>: the tenant's shops grouped by a dimension, with the tenant total.</summary>
/// <param name="ComputedAt">When the shared result's read started (UTC, ISO 8601).</param>
/// <param name="By">The grouping: region, warehouse, category or shop.</param>
/// <param name="From">First shop-local date.</param>
/// <param name="To">Last shop-local date (inclusive).</param>
/// <param name="DayBoundary"><c>shop-local</c>.</param>
/// <param name="Groups">One row per group value.</param>
/// <param name="Total">Every shop together.</param>
public sealed record MetricsComparisonResponse(DateTimeOffset ComputedAt, MetricsGrouping By, DateOnly From, DateOnly To, string DayBoundary,
    IReadOnlyList<MetricsGroup> Groups, MetricSummary Total)
{
    /// <summary>The response of <paramref name="comparison"/> computed at <paramref name="computedAt"/>.</summary>
    public static MetricsComparisonResponse Of(MetricsComparison comparison, DateTimeOffset computedAt)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return new(computedAt, comparison.By, comparison.From, comparison.To, comparison.DayBoundary, comparison.Groups, comparison.Total);
    }
}

/// <summary><c>GET /api/v1/shops/{id}/metrics</c>: one shop's sums per shop-local day.</summary>
/// <param name="ShopId">The shop.</param>
/// <param name="From">First shop-local date.</param>
/// <param name="To">Last shop-local date (inclusive).</param>
/// <param name="Days">Every day of the range, empty days included.</param>
public sealed record ShopMetricsSeries(string ShopId, DateOnly From, DateOnly To, IReadOnlyList<DayMetrics> Days);

/// <summary><c>GET /api/v1/shops/{id}/reconciliation</c>: OpenClaw's figures beside TikTok's shop performance, per day.</summary>
/// <param name="ShopId">The shop.</param>
/// <param name="From">First shop-local date.</param>
/// <param name="To">Last shop-local date (inclusive).</param>
/// <param name="Tolerance">The relative difference beyond which a figure is flagged (0.03 = ±3 %).</param>
/// <param name="Days">Each day; <c>theirs</c> is null where TikTok has no figure (yet).</param>
public sealed record ShopReconciliation(string ShopId, DateOnly From, DateOnly To, decimal Tolerance, IReadOnlyList<ReconciliationDay> Days);
