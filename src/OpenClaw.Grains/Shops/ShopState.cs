using OpenClaw.Grains.Sync;

namespace OpenClaw.Grains.Shops;

/// <summary>
/// The shop grain's registration state, persisted as one record under the storage name <c>shop</c>
/// (Orleans' Redis key <c>{ServiceId}/state/shop/{shopId}/shop</c>). Later parts of the grain (tokens, cursors,
/// budget, alerts) get their own state records so one write never rewrites another's data.
/// </summary>
[GenerateSerializer, Alias("OpenClaw.ShopState")]
public sealed class ShopState
{
    /// <summary>Owning tenant; empty until connected.</summary>
    [Id(0)] public string TenantId { get; set; } = string.Empty;

    /// <summary>Shop name as TikTok shows it.</summary>
    [Id(1)] public string ShopName { get; set; } = string.Empty;

    /// <summary>Two-letter TikTok region code.</summary>
    [Id(2)] public string Region { get; set; } = string.Empty;

    /// <summary>Lifecycle status.</summary>
    [Id(3)] public ShopStatus Status { get; set; }

    /// <summary>IANA reporting time zone.</summary>
    [Id(4)] public string TimeZone { get; set; } = "UTC";

    /// <summary>Operator tags.</summary>
    [Id(5)] public List<string> Tags { get; set; } = [];

    /// <summary>Accepted writes since first connection.</summary>
    [Id(6)] public long Revision { get; set; }

    /// <summary>First connection time (UTC).</summary>
    [Id(7)] public DateTimeOffset? ConnectedAt { get; set; }

    /// <summary>Last reminder tick (UTC).</summary>
    [Id(8)] public DateTimeOffset? LastReminderAt { get; set; }

    /// <summary>Shop cipher from the authorized-shops endpoint (contract §3).</summary>
    [Id(9)] public string? Cipher { get; set; }

    /// <summary><c>CROSS_BORDER</c> or <c>LOCAL</c>.</summary>
    [Id(10)] public string? SellerType { get; set; }

    /// <summary>Why the shop is not active (TikTok code or operator action).</summary>
    [Id(11)] public string? StatusReason { get; set; }

    /// <summary>Operator names of warehouses (TikTok id → name).</summary>
    [Id(12)] public Dictionary<string, string> WarehouseNames { get; set; } = [];

    /// <summary>Per-domain polling interval overrides.</summary>
    [Id(13)] public Dictionary<SyncDomain, TimeSpan> SyncIntervals { get; set; } = [];

    /// <summary>The most recent events (newest last, at most <see cref="MaxEvents"/>).</summary>
    [Id(14)] public List<ShopEvent> RecentEvents { get; set; } = [];

    /// <summary>How many events <see cref="RecentEvents"/> keeps.</summary>
    public const int MaxEvents = 50;
}
