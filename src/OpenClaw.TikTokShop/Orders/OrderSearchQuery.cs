namespace OpenClaw.TikTokShop.Orders;

/// <summary>What to search orders for. Windows are half-open: <c>from ≤ t &lt; to</c>.</summary>
public sealed record OrderSearchQuery
{
    /// <summary>Orders updated at or after this instant.</summary>
    public DateTimeOffset? UpdateTimeFrom { get; init; }

    /// <summary>Orders updated before this instant.</summary>
    public DateTimeOffset? UpdateTimeTo { get; init; }

    /// <summary>Orders created at or after this instant.</summary>
    public DateTimeOffset? CreateTimeFrom { get; init; }

    /// <summary>Orders created before this instant.</summary>
    public DateTimeOffset? CreateTimeTo { get; init; }

    /// <summary>Only this status (e.g. <c>AWAITING_SHIPMENT</c>).</summary>
    public string? OrderStatus { get; init; }

    /// <summary>Only this shipping type (<c>TIKTOK</c> or <c>SELLER</c>).</summary>
    public string? ShippingType { get; init; }

    /// <summary>Only these warehouses.</summary>
    public IReadOnlyList<string>? WarehouseIds { get; init; }

    /// <summary>1–100.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary><c>create_time</c> or <c>update_time</c>; TikTok's default when null.</summary>
    public string? SortField { get; init; } = "update_time";

    /// <summary><c>ASC</c> or <c>DESC</c> (TikTok's default for orders is DESC).</summary>
    public string? SortOrder { get; init; } = "ASC";

    internal OrderSearchBody ToBody() => new(
        OrderStatus,
        CreateTimeFrom?.ToUnixTimeSeconds(),
        CreateTimeTo?.ToUnixTimeSeconds(),
        UpdateTimeFrom?.ToUnixTimeSeconds(),
        UpdateTimeTo?.ToUnixTimeSeconds(),
        ShippingType,
        WarehouseIds);
}
