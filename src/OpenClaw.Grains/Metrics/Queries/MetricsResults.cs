namespace OpenClaw.Grains.Metrics.Queries;

/// <summary>How a comparison groups shops' buckets (docs/metrics.md, "Dimensions").</summary>
public enum MetricsGrouping
{
    /// <summary>One group per shop.</summary>
    Shop,

    /// <summary>By the shop's region (from the shop summary read model; unknown → <c>unknown</c>).</summary>
    Region,

    /// <summary>By the order's warehouse (<c>w:</c> fields).</summary>
    Warehouse,

    /// <summary>By the leaf category of the product (<c>p:</c> fields; a product not stored → <c>uncategorised</c>).</summary>
    Category,
}

/// <summary>
/// Rates over a date range from summed fields (docs/metrics.md, "Rates"): 0–1 rounded to 4 decimals, null when the
/// denominator is 0 (never 0 or 100 %).
/// </summary>
/// <param name="SellerFaultCancellation"><c>orders_cancelled_seller / orders_paid</c>.</param>
/// <param name="Refund"><c>refunds_completed / orders_paid</c>.</param>
/// <param name="FastDispatch"><c>orders_shipped_48h / orders_shipped</c>.</param>
/// <param name="LateDispatch"><c>orders_shipped_late / orders_shipped</c>.</param>
/// <param name="ValidTracking"><c>orders_tracking_valid / orders_tracked</c>.</param>
/// <param name="AuditPass"><c>products_audit_passed / (products_audit_passed + products_audit_failed)</c>.</param>
public sealed record MetricRates(
    decimal? SellerFaultCancellation, decimal? Refund, decimal? FastDispatch, decimal? LateDispatch, decimal? ValidTracking, decimal? AuditPass);

/// <summary>Money of one currency, as a decimal in that currency (the buckets keep minor units × 100).</summary>
/// <param name="Currency">ISO 4217 code (<c>unknown</c> when the shop's orders gave none yet).</param>
/// <param name="Gmv">Σ paid orders' <c>total_amount</c>; for a category group Σ line-item <c>sale_price</c>.</param>
/// <param name="RefundAmount">Σ completed refunds' <c>refund_total</c>.</param>
/// <param name="RefundAmountBySubReason">The same per refund sub-reason.</param>
public sealed record MoneyTotals(string Currency, decimal Gmv, decimal RefundAmount, IReadOnlyDictionary<string, decimal> RefundAmountBySubReason);

/// <summary>Summed buckets over a date range and a set of shops.</summary>
/// <param name="Counts">Every summed count field by its bucket name (<c>orders_paid</c>, <c>returns_requested:seller_initiated</c>,
/// <c>logistics_exceptions:lost</c>, <c>delivery_hours:30</c> …); money fields are in <see cref="Money"/>; absent = 0.</param>
/// <param name="Money">Money per currency (shops in different currencies are never added together).</param>
/// <param name="Rates">Rates of the summed counts.</param>
/// <param name="DeliveryP50Hours">Nearest-rank median of the summed <c>delivery_hours</c> histogram, whole hours; null without deliveries.</param>
/// <param name="DeliveryP90Hours">Nearest-rank 90th percentile, whole hours; null without deliveries.</param>
public sealed record MetricSummary(
    IReadOnlyDictionary<string, long> Counts, IReadOnlyList<MoneyTotals> Money, MetricRates Rates, int? DeliveryP50Hours, int? DeliveryP90Hours)
{
    /// <summary>A count field (0 when absent).</summary>
    public long Count(string field) => Counts.TryGetValue(field, out var v) ? v : 0;
}

/// <summary>One shop's sums over a range.</summary>
/// <param name="ShopId">The shop.</param>
/// <param name="Region">Its region (null when its summary is not readable).</param>
/// <param name="Summary">Its sums.</param>
public sealed record ShopMetrics(string ShopId, string? Region, MetricSummary Summary);

/// <summary>The tenant overview's sums (<see cref="MetricsQuery.OverviewAsync"/>).</summary>
/// <param name="Total">Every shop together (the tenant total when the shops are a tenant's).</param>
/// <param name="Shops">Each shop's sums, in the order asked.</param>
/// <param name="Sums">Each shop's sums with the version of its buckets they were read at: pass them to the next
/// <see cref="MetricsQuery.OverviewAsync"/> of the same range to skip the shops whose buckets have not changed.</param>
/// <param name="ShopsRead">How many shops' buckets this computation read (the others were reused).</param>
public sealed record MetricsOverviewTotals(MetricSummary Total, IReadOnlyList<ShopMetrics> Shops, IReadOnlyDictionary<string, ShopRangeSums> Sums, int ShopsRead);

/// <summary>One shop's sums over a range, read when its buckets had <paramref name="Version"/> (meta <c>v</c>, currency, zone).</summary>
/// <param name="Version">What the shop's metrics metadata said before the buckets were read.</param>
/// <param name="Sums">The shop-level sums of the range (not to be changed: they are shared by later computations).</param>
public sealed record ShopRangeSums(string Version, MetricSums Sums);

/// <summary>One shop-local day of a shop's series.</summary>
/// <param name="Date">The shop-local date.</param>
/// <param name="Summary">The day's sums.</param>
public sealed record DayMetrics(DateOnly Date, MetricSummary Summary);

/// <summary>One group of a comparison.</summary>
/// <param name="Key">Region code, warehouse id, category id, shop id, or <c>uncategorised</c>/<c>unknown</c>.</param>
/// <param name="Name">What to show: warehouse or category name (the shop's own warehouse names first), else the key.</param>
/// <param name="ShopIds">Shops that contributed.</param>
/// <param name="Summary">The group's sums (category groups: <c>orders</c>, <c>units</c>, <c>refunds</c> counts and sales as GMV).</param>
public sealed record MetricsGroup(string Key, string Name, IReadOnlyList<string> ShopIds, MetricSummary Summary);

/// <summary>A comparison of shops over shop-local dates.</summary>
/// <param name="By">The grouping.</param>
/// <param name="From">First shop-local date (inclusive).</param>
/// <param name="To">Last shop-local date (inclusive).</param>
/// <param name="DayBoundary">Always <c>shop-local</c>: each shop's own local days are summed.</param>
/// <param name="Groups">The groups, largest order count first.</param>
/// <param name="Total">Every shop together (the tenant total when the shops are a tenant's).</param>
public sealed record MetricsComparison(MetricsGrouping By, DateOnly From, DateOnly To, string DayBoundary, IReadOnlyList<MetricsGroup> Groups, MetricSummary Total);

/// <summary>A missed health target (docs/metrics.md, "Shop health").</summary>
/// <param name="Metric">The rate: <c>late_dispatch</c>, <c>seller_fault_cancellation</c>, <c>valid_tracking</c>, <c>fast_dispatch</c>.</param>
/// <param name="Value">The shop's rate (0–1).</param>
/// <param name="Target">The target (0–1).</param>
/// <param name="Rule">The rule as text, e.g. <c>&lt; 0.04</c>.</param>
public sealed record HealthReason(string Metric, decimal Value, decimal Target, string Rule);

/// <summary>A shop's health over the last 30 shop-local days.</summary>
/// <param name="ShopId">The shop.</param>
/// <param name="From">First day judged.</param>
/// <param name="To">Last day judged (today, shop-local).</param>
/// <param name="Score">100 − 25 per missed target.</param>
/// <param name="Reasons">Each missed target; a target whose rate is null is not judged.</param>
/// <param name="Rates">The rates judged.</param>
public sealed record ShopHealth(string ShopId, DateOnly From, DateOnly To, int Score, IReadOnlyList<HealthReason> Reasons, MetricRates Rates);

/// <summary>One figure beside TikTok's.</summary>
/// <param name="Ours">OpenClaw's (count, or money as a decimal in the shop currency).</param>
/// <param name="Theirs">TikTok's shop performance, or null when it has no figure for the day.</param>
/// <param name="Flagged">True when <c>|ours − theirs| &gt; 3 % × theirs</c>.</param>
public sealed record ReconciledFigure(decimal Ours, decimal? Theirs, bool Flagged);

/// <summary>One shop-local day reconciled with TikTok's shop performance (docs/metrics.md, "Reconciliation").</summary>
/// <param name="Date">The shop-local date.</param>
/// <param name="OrdersPaid">Ours <c>orders_paid</c>, theirs <c>orders</c>.</param>
/// <param name="Gmv">Ours <c>gmv</c>, theirs <c>gmv.amount</c> (LOCAL currency).</param>
/// <param name="RefundAmount">Ours <c>refund_amount</c>, theirs <c>refunds.amount</c>.</param>
public sealed record ReconciliationDay(DateOnly Date, ReconciledFigure OrdersPaid, ReconciledFigure Gmv, ReconciledFigure RefundAmount)
{
    /// <summary>True when any figure is flagged.</summary>
    public bool Flagged => OrdersPaid.Flagged || Gmv.Flagged || RefundAmount.Flagged;
}
