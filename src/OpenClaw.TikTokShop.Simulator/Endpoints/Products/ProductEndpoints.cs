using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Data.Products;

namespace OpenClaw.TikTokShop.Simulator.Endpoints.Products;

/// <summary>Product search, detail and inventory update.</summary>
public sealed class ProductEndpoints(ProductCatalog catalog, InventoryOverlay inventory) : IApiEndpoints
{
    /// <summary>TikTok stops product search at this many results (12052180 beyond it).</summary>
    public const int SearchResultCap = 10_000;

    private static readonly HashSet<string> Statuses =
        ["ALL", "DRAFT", "PENDING", "FAILED", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FREEZE", "DELETED"];

    /// <inheritdoc />
    public IEnumerable<ApiRoute> Routes =>
    [
        new("POST", "/product/202309/products/search", "seller.product.basic", CipherRule.Required, Search),
        new("GET", "/product/202309/products/{id}", "seller.product.basic", CipherRule.Required, Get),
        new("POST", "/product/202309/products/{id}/inventory/update", "seller.product.write", CipherRule.Required, UpdateInventory),
    ];

    private object Search(ApiCall call)
    {
        var pageSize = call.QueryInt("page_size", 1, 100);
        var body = call.Body();
        var status = body.Text("status") ?? "ALL";
        if (!Statuses.Contains(status))
        {
            throw new ApiException($"invalid status: one of {string.Join(", ", Statuses)}");
        }

        var skus = body.Texts("seller_skus");
        var (createGe, createLe, updateGe, updateLe) = (body.Number("create_time_ge"), body.Number("create_time_le"), body.Number("update_time_ge"), body.Number("update_time_le"));
        var (asOf, offset) = Paging.Resume(call);
        var matches = catalog.For(call.Shop)
            .Where(p => p.CreateTime <= asOf)
            .Select(p => (Plan: p, State: p.StateAt(asOf)!))
            .Where(x => (status == "ALL" || x.State.Status == status)
                        && (skus is null || x.Plan.Skus.Any(s => skus.Contains(s.SellerSku)))
                        && (createGe is null || x.Plan.CreateTime >= createGe) && (createLe is null || x.Plan.CreateTime <= createLe)
                        && (updateGe is null || x.State.Time >= updateGe) && (updateLe is null || x.State.Time <= updateLe))
            .OrderByDescending(x => x.Plan.CreateTime).ThenByDescending(x => x.Plan.Id, StringComparer.Ordinal)
            .ToList();
        if (offset + pageSize > SearchResultCap && matches.Count > SearchResultCap)
        {
            throw new ApiException(ApiError.Of(ErrorCodes.ProductSearchTooDeep, "product search is limited to 10000 results: narrow the time window"));
        }

        var (page, next) = Paging.Slice(call, matches, asOf, offset, pageSize);
        return new
        {
            NextPageToken = next,
            TotalCount = matches.Count,
            Products = page.Select(x => ProductJson.Summary(x.Plan, call.Shop, inventory, asOf)).ToList(),
        };
    }

    private object Get(ApiCall call) => ProductJson.Detail(Find(call), call.Shop, inventory, call.Now);

    private object UpdateInventory(ApiCall call)
    {
        var product = Find(call);
        var body = call.Body();
        if (body.Field("skus") is not { ValueKind: JsonValueKind.Array } skus)
        {
            throw new ApiException("missing required body parameter skus (array)");
        }

        var errors = new List<object>();
        foreach (var sku in skus.EnumerateArray())
        {
            var entry = new BodyReader(sku, ErrorCodes.InvalidRequest);
            var skuId = entry.Text("id") ?? throw entry.Invalid("skus[].id", "a string");
            var plan = product.Skus.FirstOrDefault(s => s.Id == skuId);
            if (plan is null)
            {
                errors.Add(SkuError(skuId, "sku does not belong to the product"));
                continue;
            }

            if (entry.Field("inventory") is not { ValueKind: JsonValueKind.Array } stock)
            {
                throw entry.Invalid("skus[].inventory", "an array");
            }

            var updates = new List<(string Warehouse, int Quantity)>();
            foreach (var line in stock.EnumerateArray())
            {
                var item = new BodyReader(line, ErrorCodes.InvalidRequest);
                var warehouse = item.Text("warehouse_id") ?? throw item.Invalid("inventory[].warehouse_id", "a string");
                var quantity = item.Number("quantity") ?? throw item.Invalid("inventory[].quantity", "an integer");
                updates.Add((warehouse, (int)Math.Clamp(quantity, int.MinValue, int.MaxValue)));
            }

            var problem = updates.Any(u => plan.Inventory.All(i => i.WarehouseId != u.Warehouse)) ? "warehouse does not stock this sku"
                : updates.Any(u => u.Quantity is < 0 or > 99_999) ? "quantity must be from 0 to 99999"
                : null;
            if (problem is not null)
            {
                errors.Add(SkuError(skuId, problem));
                continue;
            }

            foreach (var (warehouse, quantity) in updates)
            {
                inventory.Set(skuId, warehouse, quantity);
            }
        }

        return new { Errors = errors };
    }

    private ProductPlan Find(ApiCall call) =>
        catalog.Find(call.Shop, IdParameters.Path(call, "id", "product_id")) is { } plan && plan.CreateTime <= call.Now
            ? plan
            : throw new ApiException("invalid product id: the product does not exist in this shop");

    private static object SkuError(string skuId, string message) =>
        new { Code = ErrorCodes.InvalidRequest, Message = message, Detail = new { SkuId = skuId } };
}
