using System.Text.Json.Serialization;
using OpenClaw.TikTokShop.Json;

namespace OpenClaw.TikTokShop.Fulfillment;

/// <summary>A package: PROCESSING, FULFILLING, COMPLETED or CANCELLED.</summary>
public sealed record Package(
    string Id,
    string Status,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset CreateTime,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset UpdateTime,
    IReadOnlyList<PackageOrderRef>? Orders = null,
    string? TrackingNumber = null,
    string? ShippingProviderId = null,
    string? ShippingProviderName = null);

/// <summary>An order in a package.</summary>
public sealed record PackageOrderRef(string Id);

/// <summary>A carrier scan; the wire time is in MILLISECONDS.</summary>
public sealed record TrackingEvent(string Description, [property: JsonConverter(typeof(UnixMillisecondsConverter))] DateTimeOffset UpdateTimeMillis);

/// <summary>A warehouse of the shop.</summary>
public sealed record Warehouse(string Id, string Name, string Type, bool IsDefault = false, WarehouseAddress? Address = null);

/// <summary>The parts of a warehouse address OpenClaw uses.</summary>
public sealed record WarehouseAddress(string? RegionCode = null, string? State = null, string? City = null, string? PostalCode = null);

/// <summary><c>data</c> of package search.</summary>
public sealed record PackageSearchData(IReadOnlyList<Package>? Packages = null, string? NextPageToken = null, int? TotalCount = null);

/// <summary><c>data</c> of order tracking.</summary>
public sealed record TrackingData(IReadOnlyList<TrackingEvent>? Tracking = null);

/// <summary><c>data</c> of the warehouse list.</summary>
public sealed record WarehouseListData(IReadOnlyList<Warehouse>? Warehouses = null);

/// <summary>What to search packages for. Windows are half-open (<c>_ge</c>/<c>_lt</c>).</summary>
public sealed record PackageSearchQuery
{
    /// <summary>Updated at or after.</summary>
    public DateTimeOffset? UpdateTimeFrom { get; init; }

    /// <summary>Updated before.</summary>
    public DateTimeOffset? UpdateTimeTo { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreateTimeFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreateTimeTo { get; init; }

    /// <summary>PROCESSING, FULFILLING, COMPLETED or CANCELLED.</summary>
    public string? PackageStatus { get; init; }

    /// <summary>1–50.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Sort field (TikTok's default when null).</summary>
    public string? SortField { get; init; } = "update_time";

    /// <summary>ASC or DESC.</summary>
    public string? SortOrder { get; init; } = "ASC";

    internal PackageSearchBody ToBody() => new(PackageStatus, CreateTimeFrom?.ToUnixTimeSeconds(), CreateTimeTo?.ToUnixTimeSeconds(),
        UpdateTimeFrom?.ToUnixTimeSeconds(), UpdateTimeTo?.ToUnixTimeSeconds());
}

internal sealed record PackageSearchBody(string? PackageStatus, long? CreateTimeGe, long? CreateTimeLt, long? UpdateTimeGe, long? UpdateTimeLt);
