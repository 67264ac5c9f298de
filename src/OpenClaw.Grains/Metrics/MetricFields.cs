namespace OpenClaw.Grains.Metrics;

/// <summary>
/// The bucket field names of docs/metrics.md (the contract with the simulator's truth). Counts are plain integers;
/// money fields (<see cref="Gmv"/>, <see cref="RefundAmount"/>, product <c>sales</c>) are minor units × 100.
/// </summary>
public static class MetricFields
{
    /// <summary>Every order, on its <c>create_time</c> day.</summary>
    public const string OrdersCreated = "orders_created";

    /// <summary>Orders with a <c>paid_time</c>, on that day.</summary>
    public const string OrdersPaid = "orders_paid";

    /// <summary>Σ <c>payment.total_amount</c> of paid orders (minor units × 100), on the paid day.</summary>
    public const string Gmv = "gmv";

    /// <summary>Line items of paid orders, on the paid day.</summary>
    public const string Units = "units";

    /// <summary>Orders with status CANCELLED, on the <c>cancel_time</c> day.</summary>
    public const string OrdersCancelled = "orders_cancelled";

    /// <summary>Of those, cancelled by the SELLER.</summary>
    public const string OrdersCancelledSeller = "orders_cancelled_seller";

    /// <summary>Orders with an <c>rts_time</c>, on that day.</summary>
    public const string OrdersShipped = "orders_shipped";

    /// <summary>Of those, shipped within 172,800 s of payment.</summary>
    public const string OrdersShipped48h = "orders_shipped_48h";

    /// <summary>Of those, shipped after <c>rts_sla_time</c>.</summary>
    public const string OrdersShippedLate = "orders_shipped_late";

    /// <summary>Orders with a <c>delivery_time</c>, on that day.</summary>
    public const string OrdersDelivered = "orders_delivered";

    /// <summary>Histogram prefix: <c>delivery_hours:&lt;whole hours from collection to delivery&gt;</c>.</summary>
    public const string DeliveryHours = "delivery_hours";

    /// <summary>Shipped orders whose tracking is stored, on the <c>rts_time</c> day.</summary>
    public const string OrdersTracked = "orders_tracked";

    /// <summary>Of those, tracking with at least one carrier scan.</summary>
    public const string OrdersTrackingValid = "orders_tracking_valid";

    /// <summary>Prefix: <c>logistics_exceptions:&lt;category&gt;</c>, on the scan's day.</summary>
    public const string LogisticsExceptions = "logistics_exceptions";

    /// <summary>Prefix: <c>logistics_exception_codes:&lt;carrier code&gt;</c>, e.g. <c>USPS 9003</c>.</summary>
    public const string LogisticsExceptionCodes = "logistics_exception_codes";

    /// <summary>Every return/refund request (and <c>:&lt;subreason&gt;</c>), on its <c>create_time</c> day.</summary>
    public const string ReturnsRequested = "returns_requested";

    /// <summary>Completed refunds (and <c>:&lt;subreason&gt;</c>), on the return's <c>update_time</c> day.</summary>
    public const string RefundsCompleted = "refunds_completed";

    /// <summary>Σ <c>refund_total</c> of completed refunds (and <c>:&lt;subreason&gt;</c>), minor units × 100.</summary>
    public const string RefundAmount = "refund_amount";

    /// <summary>Product audit APPROVED or PRE_APPROVED.</summary>
    public const string ProductsAuditPassed = "products_audit_passed";

    /// <summary>Product audit FAILED.</summary>
    public const string ProductsAuditFailed = "products_audit_failed";

    /// <summary>Prefix: <c>audit_failed_reason:&lt;reason&gt;</c>.</summary>
    public const string AuditFailedReason = "audit_failed_reason";

    /// <summary>Product status SELLER_DEACTIVATED or PLATFORM_DEACTIVATED.</summary>
    public const string ProductsDeactivated = "products_deactivated";

    /// <summary>Product status FREEZE.</summary>
    public const string ProductsFrozen = "products_frozen";

    /// <summary>Policy violations: PLATFORM_DEACTIVATED or FREEZE, or audit FAILED.</summary>
    public const string Violations = "violations";

    /// <summary>Snapshot only: every stored product.</summary>
    public const string ProductsTotal = "products_total";

    /// <summary>Snapshot only: products with status ACTIVATE.</summary>
    public const string ProductsActive = "products_active";

    /// <summary>Product dimension per product: paid orders containing it (<c>p:&lt;id&gt;:orders</c>).</summary>
    public const string ProductOrders = "orders";

    /// <summary>Product dimension: units sold (<c>p:&lt;id&gt;:units</c>).</summary>
    public const string ProductUnits = "units";

    /// <summary>Product dimension: Σ line-item <c>sale_price</c>, minor units × 100 (<c>p:&lt;id&gt;:sales</c>).</summary>
    public const string ProductSales = "sales";

    /// <summary>Product dimension: completed refunds of orders whose first line item is the product (<c>p:&lt;id&gt;:refunds</c>).</summary>
    public const string ProductRefunds = "refunds";

    /// <summary><c>&lt;prefix&gt;:&lt;key&gt;</c>.</summary>
    public static string Of(string prefix, string key) => prefix + ":" + key;

    /// <summary>The warehouse dimension of a field: <c>w:&lt;warehouse_id&gt;:&lt;field&gt;</c>.</summary>
    public static string Warehouse(string warehouseId, string field) => "w:" + warehouseId + ":" + field;

    /// <summary>The product dimension: <c>p:&lt;product_id&gt;:&lt;field&gt;</c>.</summary>
    public static string Product(string productId, string field) => "p:" + productId + ":" + field;
}
