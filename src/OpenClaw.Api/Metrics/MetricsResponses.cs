using OpenClaw.Grains.Metrics.Queries;

namespace OpenClaw.Api.Metrics;

/// <summary>
/// <c>GET /api/v1/metrics/overview</c>: the tenant's total and every shop's sums over shop-local days
/// (<c>day_boundary</c> is always <c>shop-local</c>: each shop's own midnight, docs/metrics.md).
/// </summary>
/// <param name="From">First shop-local date.</param>
/// <param name="To">Last shop-local date (inclusive).</param>
/// <param name="DayBoundary"><c>shop-local</c>.</param>
/// <param name="Total">Every shop together (money per currency, never added across currencies).</param>
/// <param name="Shops">Each shop's sums.</param>
public sealed record MetricsOverview(DateOnly From, DateOnly To, string DayBoundary, MetricSummary Total, IReadOnlyList<ShopMetrics> Shops);

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
