using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Products;

namespace OpenClaw.TikTokShop.Simulator.Endpoints.Products;

/// <summary>Maps a product plan to its API shape at one simulated instant.</summary>
public static class ProductJson
{
    /// <summary>The search-result shape.</summary>
    public static object Summary(ProductPlan plan, Shop shop, InventoryOverlay inventory, long at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(shop);
        var state = plan.StateAt(at)!;
        return new
        {
            plan.Id,
            plan.Title,
            state.Status,
            Skus = Skus(plan, shop, inventory),
            SalesRegions = new[] { shop.Region.Code },
            plan.CreateTime,
            UpdateTime = state.Time,
        };
    }

    /// <summary>The product-detail shape (adds category chain, audit and failure reasons).</summary>
    public static object Detail(ProductPlan plan, Shop shop, InventoryOverlay inventory, long at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(shop);
        var state = plan.StateAt(at)!;
        var failed = plan.Events.Any(e => e.Time <= at && e.AuditStatus == "FAILED");
        return new
        {
            plan.Id,
            plan.Title,
            state.Status,
            Description = $"<p>{plan.Title} from {shop.Name}.</p>",
            CategoryChains = new object[]
            {
                new { Id = plan.Category.ParentId, ParentId = "0", LocalName = plan.Category.ParentName, IsLeaf = false },
                new { plan.Category.Id, ParentId = plan.Category.ParentId, plan.Category.LocalName, IsLeaf = true },
            },
            Audit = new { Status = state.AuditStatus },
            AuditFailedReasons = failed ? plan.AuditFailures : [],
            Skus = Skus(plan, shop, inventory),
            SalesRegions = new[] { shop.Region.Code },
            plan.CreateTime,
            UpdateTime = state.Time,
        };
    }

    private static IEnumerable<object> Skus(ProductPlan plan, Shop shop, InventoryOverlay inventory) =>
        plan.Skus.Select(s => new
        {
            s.Id,
            s.SellerSku,
            Price = new { shop.Region.Currency, SalePrice = shop.Region.Format(s.SalePrice), OriginalPrice = shop.Region.Format(s.OriginalPrice) },
            Inventory = s.Inventory.Select(i => new { WarehouseId = i.WarehouseId, Quantity = inventory.Quantity(s.Id, i.WarehouseId, i.Quantity) }).ToList(),
        });
}
