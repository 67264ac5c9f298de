using System.Text.Json.Serialization;
using OpenClaw.TikTokShop.Json;

namespace OpenClaw.TikTokShop.Products;

/// <summary>A product as search returns it.</summary>
public sealed record ProductSummary(
    string Id,
    string Title,
    string Status,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset CreateTime,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset UpdateTime,
    IReadOnlyList<ProductSku>? Skus = null,
    IReadOnlyList<string>? SalesRegions = null);

/// <summary>A product's full detail: status, audit, category chain, SKUs with price and inventory.</summary>
public sealed record ProductDetail(
    string Id,
    string Title,
    string Status,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset CreateTime,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset UpdateTime,
    IReadOnlyList<CategoryChainLink>? CategoryChains = null,
    ProductAudit? Audit = null,
    IReadOnlyList<AuditFailedReason>? AuditFailedReasons = null,
    IReadOnlyList<ProductSku>? Skus = null,
    IReadOnlyList<string>? SalesRegions = null);

/// <summary>One level of the product's category path.</summary>
public sealed record CategoryChainLink(string Id, string LocalName, bool IsLeaf);

/// <summary>Listing audit state: NONE, AUDITING, FAILED, PRE_APPROVED, APPROVED.</summary>
public sealed record ProductAudit(string Status);

/// <summary>Why an audit failed and how to fix it.</summary>
public sealed record AuditFailedReason(string? Position = null, IReadOnlyList<string>? Reasons = null, IReadOnlyList<string>? Suggestions = null);

/// <summary>A SKU with price and per-warehouse inventory.</summary>
public sealed record ProductSku(string Id, string? SellerSku = null, SkuPrice? Price = null, IReadOnlyList<SkuInventory>? Inventory = null);

/// <summary>A SKU price.</summary>
public sealed record SkuPrice(string Currency, [property: JsonConverter(typeof(DecimalStringConverter))] decimal SalePrice);

/// <summary>Stock of a SKU in one warehouse.</summary>
public sealed record SkuInventory(string WarehouseId, int Quantity);

/// <summary>New stock for one SKU: send all of its warehouses.</summary>
public sealed record SkuInventoryUpdate(string Id, IReadOnlyList<SkuInventory> Inventory);

/// <summary>A per-SKU failure of an inventory update.</summary>
public sealed record InventoryUpdateError(int? Code = null, string? Message = null, InventoryUpdateErrorDetail? Detail = null);

/// <summary>Which SKU/warehouse an inventory update error is about.</summary>
public sealed record InventoryUpdateErrorDetail(string? SkuId = null, string? WarehouseId = null);

/// <summary><c>data</c> of an inventory update: partial per-SKU errors (empty when all succeeded).</summary>
public sealed record InventoryUpdateResult(IReadOnlyList<InventoryUpdateError>? Errors = null);

/// <summary><c>data</c> of product search.</summary>
public sealed record ProductSearchData(IReadOnlyList<ProductSummary>? Products = null, string? NextPageToken = null, int? TotalCount = null);

/// <summary>What to search products for. Product windows are closed (<c>_ge</c>/<c>_le</c>), unlike orders.</summary>
public sealed record ProductSearchQuery
{
    /// <summary>ALL, DRAFT, PENDING, FAILED, ACTIVATE, SELLER_DEACTIVATED, PLATFORM_DEACTIVATED, FREEZE, DELETED.</summary>
    public string? Status { get; init; }

    /// <summary>Only these seller SKUs.</summary>
    public IReadOnlyList<string>? SellerSkus { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreateTimeFrom { get; init; }

    /// <summary>Created at or before.</summary>
    public DateTimeOffset? CreateTimeTo { get; init; }

    /// <summary>Updated at or after.</summary>
    public DateTimeOffset? UpdateTimeFrom { get; init; }

    /// <summary>Updated at or before.</summary>
    public DateTimeOffset? UpdateTimeTo { get; init; }

    /// <summary>1–100.</summary>
    public int PageSize { get; init; } = 100;

    internal ProductSearchBody ToBody() => new(
        Status, SellerSkus,
        CreateTimeFrom?.ToUnixTimeSeconds(), CreateTimeTo?.ToUnixTimeSeconds(),
        UpdateTimeFrom?.ToUnixTimeSeconds(), UpdateTimeTo?.ToUnixTimeSeconds());
}

internal sealed record ProductSearchBody(
    string? Status,
    IReadOnlyList<string>? SellerSkus,
    long? CreateTimeGe,
    long? CreateTimeLe,
    long? UpdateTimeGe,
    long? UpdateTimeLe);

internal sealed record InventoryUpdateBody(IReadOnlyList<SkuInventoryUpdate> Skus);
