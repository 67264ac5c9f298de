namespace OpenClaw.TikTokShop.Simulator.Data.Products;

/// <summary>A product's whole life, precomputed: what it is and every status change it will ever go through.</summary>
public sealed record ProductPlan(
    int ShopIndex,
    int Ordinal,
    string Id,
    string Title,
    Category Category,
    long CreateTime,
    IReadOnlyList<SkuPlan> Skus,
    IReadOnlyList<ProductEvent> Events,
    IReadOnlyList<AuditFailure> AuditFailures)
{
    /// <summary>The last event at or before <paramref name="at"/> (null before creation).</summary>
    public ProductEvent? StateAt(long at)
    {
        ProductEvent? last = null;
        foreach (var e in Events)
        {
            if (e.Time > at)
            {
                break;
            }

            last = e;
        }

        return last;
    }
}

/// <summary>A SKU with its price and starting stock per warehouse.</summary>
public sealed record SkuPlan(string Id, string SellerSku, decimal SalePrice, decimal OriginalPrice, IReadOnlyList<(string WarehouseId, int Quantity)> Inventory);

/// <summary>A product status change; <see cref="Webhook"/> is the type-5 status it is announced with, if any.</summary>
public sealed record ProductEvent(long Time, string Status, string AuditStatus, string? Webhook, string? SuspendedReason)
{
    /// <summary>True for the platform's actions that OpenClaw counts as policy violations.</summary>
    public bool IsViolation => Status is "PLATFORM_DEACTIVATED" or "FREEZE";
}

/// <summary>Why an audit failed.</summary>
public sealed record AuditFailure(string Position, IReadOnlyList<string> Reasons, IReadOnlyList<string> Suggestions);

/// <summary>A category chain leaf (with its parent).</summary>
public sealed record Category(string Id, string LocalName, string ParentId, string ParentName, string Noun);
