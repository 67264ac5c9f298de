namespace OpenClaw.Dashboard.Model;

/// <summary>Sums and rates over a date range (docs/metrics.md).</summary>
/// <param name="Counts">Counters by field (<c>orders_paid</c>, …).</param>
/// <param name="Money">Amounts per currency.</param>
/// <param name="Rates">Rates 0–1, null when the denominator is zero.</param>
/// <param name="DeliveryP50Hours">Median delivery hours.</param>
/// <param name="DeliveryP90Hours">90th percentile delivery hours.</param>
public sealed record MetricSummary(
    IReadOnlyDictionary<string, long>? Counts, IReadOnlyList<CurrencyAmounts>? Money, MetricRates? Rates,
    double? DeliveryP50Hours, double? DeliveryP90Hours)
{
    /// <summary>A counter, 0 when absent.</summary>
    public long Count(string field) => Counts is not null && Counts.TryGetValue(field, out var value) ? value : 0;
}

/// <summary>Money of one currency.</summary>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Gmv">GMV.</param>
/// <param name="RefundAmount">Refunded.</param>
/// <param name="RefundAmountBySubReason">Refunded per sub-reason.</param>
public sealed record CurrencyAmounts(string Currency, decimal Gmv, decimal RefundAmount, IReadOnlyDictionary<string, decimal>? RefundAmountBySubReason);

/// <summary>Rates, 0–1 or null.</summary>
/// <param name="SellerFaultCancellation">Seller-fault cancellations per paid order.</param>
/// <param name="Refund">Completed refunds per paid order.</param>
/// <param name="FastDispatch">Shipped within 48 h per shipped order.</param>
/// <param name="LateDispatch">Shipped late per shipped order.</param>
/// <param name="ValidTracking">Valid tracking per tracked order.</param>
/// <param name="AuditPass">Audit pass rate of products.</param>
public sealed record MetricRates(double? SellerFaultCancellation, double? Refund, double? FastDispatch, double? LateDispatch, double? ValidTracking, double? AuditPass);

/// <summary><c>GET /api/v1/metrics/overview</c>.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="DayBoundary">Always shop-local.</param>
/// <param name="Total">Tenant total.</param>
/// <param name="Shops">Per shop (one page as the API answers; every page once the client has read them all).</param>
/// <param name="NextCursor">The API's cursor of the next page; null on the last.</param>
public sealed record OverviewMetrics(DateOnly From, DateOnly To, string? DayBoundary, MetricSummary Total, IReadOnlyList<ShopMetrics> Shops, string? NextCursor = null);

/// <summary>One shop in the overview.</summary>
/// <param name="ShopId">Shop id.</param>
/// <param name="Region">Region.</param>
/// <param name="Summary">Its summary.</param>
public sealed record ShopMetrics(string ShopId, string? Region, MetricSummary Summary);

/// <summary><c>GET /api/v1/shops/{id}/metrics</c>.</summary>
/// <param name="ShopId">Shop id.</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Days">One entry per shop-local day.</param>
public sealed record ShopDailyMetrics(string ShopId, DateOnly From, DateOnly To, IReadOnlyList<DayMetrics> Days);

/// <summary>One shop-local day.</summary>
/// <param name="Date">The day.</param>
/// <param name="Summary">Its summary.</param>
public sealed record DayMetrics(DateOnly Date, MetricSummary Summary);

/// <summary><c>GET /api/v1/shops/{id}/health</c>.</summary>
/// <param name="ShopId">Shop id.</param>
/// <param name="Score">100 − 25 per missed target.</param>
/// <param name="Reasons">Missed targets.</param>
/// <param name="Rates">Rates judged.</param>
public sealed record ShopHealth(string ShopId, double Score, IReadOnlyList<HealthReason>? Reasons, MetricRates? Rates);

/// <summary>A missed target.</summary>
/// <param name="Metric">Rate name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Target">The target.</param>
/// <param name="Rule">The rule text (e.g. <c>&lt; 0.04</c>).</param>
public sealed record HealthReason(string Metric, double? Value, double? Target, string? Rule);

/// <summary><c>GET /api/v1/shops/{id}/reconciliation</c>.</summary>
/// <param name="Days">Per day.</param>
public sealed record Reconciliation(IReadOnlyList<ReconciliationDay> Days);

/// <summary>One day of reconciliation.</summary>
/// <param name="Date">The day.</param>
/// <param name="OrdersPaid">Paid orders.</param>
/// <param name="Gmv">GMV.</param>
/// <param name="RefundAmount">Refunds.</param>
/// <param name="Flagged">Any figure differs by more than 3 %.</param>
public sealed record ReconciliationDay(DateOnly Date, FigurePair? OrdersPaid, FigurePair? Gmv, FigurePair? RefundAmount, bool Flagged);

/// <summary>Our figure beside TikTok's.</summary>
/// <param name="Ours">OpenClaw's.</param>
/// <param name="Theirs">TikTok's.</param>
/// <param name="Flagged">Differs by more than 3 %.</param>
public sealed record FigurePair(decimal? Ours, decimal? Theirs, bool Flagged);

/// <summary><c>GET /api/v1/metrics/compare</c>.</summary>
/// <param name="By">Grouping.</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="DayBoundary">Shop-local.</param>
/// <param name="Groups">Groups.</param>
/// <param name="Total">Tenant total.</param>
public sealed record CompareResult(string By, DateOnly From, DateOnly To, string? DayBoundary, IReadOnlyList<CompareGroup> Groups, MetricSummary? Total);

/// <summary>One group of a comparison.</summary>
/// <param name="Key">Group key.</param>
/// <param name="Name">Display name.</param>
/// <param name="ShopIds">Shops in it.</param>
/// <param name="Summary">Its summary.</param>
public sealed record CompareGroup(string Key, string? Name, IReadOnlyList<string>? ShopIds, MetricSummary Summary);
