namespace OpenClaw.Grains.Entities;

// The stored projections: what metrics and the API need, in stable snake_case JSON (StoredEntityJson), never buyer
// data. Times are UTC; money is a decimal in the entity's currency (ISO 4217 code beside it).

/// <summary>A stored order (contract §5 order fields metrics use).</summary>
public sealed record StoredOrder(
    string Id, string Status, DateTimeOffset CreateTime, DateTimeOffset UpdateTime, DateTimeOffset? PaidTime,
    string? Currency, decimal? TotalAmount, int Items, IReadOnlyList<string> ProductIds, string? WarehouseId,
    string? ShippingProvider, string? TrackingNumber, string? CancellationInitiator, DateTimeOffset? CancelTime,
    string? CancelReason, DateTimeOffset? RtsSlaTime, DateTimeOffset? RtsTime, DateTimeOffset? CollectionTime,
    DateTimeOffset? DeliveryTime, IReadOnlyList<string> PackageIds, IReadOnlyList<StoredLineItem>? Lines = null);

/// <summary>One line item of a stored order (one unit, contract §5): its product and <c>sale_price</c> in the order's currency.</summary>
public sealed record StoredLineItem(string? ProductId, decimal? SalePrice);

/// <summary>A stored return or refund request.</summary>
public sealed record StoredReturn(
    string Id, string OrderId, string ReturnType, string Status, string? Role, string? Reason, string? ReasonText,
    string? Currency, decimal? RefundTotal, DateTimeOffset CreateTime, DateTimeOffset UpdateTime);

/// <summary>A stored cancellation.</summary>
public sealed record StoredCancellation(
    string Id, string OrderId, string CancelType, string Status, string? Role, string? Reason, string? ReasonText,
    string? Currency, decimal? RefundTotal, DateTimeOffset CreateTime, DateTimeOffset UpdateTime);

/// <summary>A stored product with its audit status and leaf category.</summary>
public sealed record StoredProduct(
    string Id, string Title, string Status, string? AuditStatus, IReadOnlyList<string> AuditFailedReasons,
    string? CategoryId, string? CategoryName, DateTimeOffset CreateTime, DateTimeOffset UpdateTime);

/// <summary>A stored package.</summary>
public sealed record StoredPackage(
    string Id, string Status, IReadOnlyList<string> OrderIds, string? TrackingNumber, string? ShippingProvider,
    DateTimeOffset CreateTime, DateTimeOffset UpdateTime);

/// <summary>Carrier scans of one order, newest first; <see cref="UpdateTime"/> is the newest scan (or the package's update time without scans).</summary>
public sealed record StoredTracking(string OrderId, string PackageId, IReadOnlyList<StoredScan> Scans, DateTimeOffset UpdateTime);

/// <summary>One carrier scan (the wire time is in milliseconds, contract §5).</summary>
public sealed record StoredScan(string Description, DateTimeOffset Time);

/// <summary>A stored warehouse.</summary>
public sealed record StoredWarehouse(string Id, string Name, string Type, bool IsDefault, string? RegionCode);

/// <summary>TikTok's shop performance for one shop-local day (reconciliation input).</summary>
public sealed record StoredPerformanceDay(
    string Date, string? Currency, decimal? Gmv, decimal? Orders, decimal? UnitsSold, decimal? Buyers, decimal? Refunds,
    decimal? CancellationsAndReturns);
