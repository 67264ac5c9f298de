using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Json;
using OpenClaw.TikTokShop.Paging;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.TikTokShop.Products;

/// <summary>Product search, detail and inventory (<c>/product/202309</c>).</summary>
public sealed class ProductsApi
{
    private const string SearchPath = "/product/202309/products/search";
    private const string DetailTemplate = "/product/202309/products/{product_id}";
    private const string InventoryTemplate = "/product/202309/products/{product_id}/inventory/update";
    private readonly TikTokShopTransport _transport;

    internal ProductsApi(TikTokShopTransport transport) => _transport = transport;

    /// <summary>One page of products. Results stop at 10,000 (error 12052180: narrow the window).</summary>
    public async Task<TikTokShopResult<Page<ProductSummary>>> SearchAsync(
        ShopAccess shop, ProductSearchQuery query, string? pageToken = null, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = new ApiRequest(HttpMethod.Post, SearchPath)
            .With("page_size", query.PageSize)
            .With("page_token", pageToken)
            .WithBody(query.ToBody(), TikTokShopJsonContext.Default.ProductSearchBody);
        var result = await _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.ProductSearchData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => new Page<ProductSummary>(d.Products ?? [], pageToken, d.NextPageToken, d.TotalCount));
    }

    /// <summary>All pages of the search, from <paramref name="startPageToken"/>.</summary>
    public IAsyncEnumerable<Page<ProductSummary>> SearchPagesAsync(
        ShopAccess shop, ProductSearchQuery query, string? startPageToken = null, CallOptions? options = null, CancellationToken cancellationToken = default) =>
        PageIterator.IterateAsync((token, ct) => SearchAsync(shop, query, token, options, ct), p => p.Id, startPageToken, cancellationToken);

    /// <summary>A product's detail: status, audit and failure reasons, category chain, SKUs.</summary>
    public Task<TikTokShopResult<ProductDetail>> GetAsync(
        ShopAccess shop, string productId, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(productId);
        var request = new ApiRequest(HttpMethod.Get, DetailTemplate, "/product/202309/products/" + Uri.EscapeDataString(productId));
        return _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.ProductDetail, cancellationToken);
    }

    /// <summary>Sets SKU stock (send every warehouse of a SKU); the result lists per-SKU failures.</summary>
    public Task<TikTokShopResult<InventoryUpdateResult>> UpdateInventoryAsync(
        ShopAccess shop, string productId, IReadOnlyList<SkuInventoryUpdate> skus, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(productId);
        ArgumentNullException.ThrowIfNull(skus);
        var request = new ApiRequest(HttpMethod.Post, InventoryTemplate, "/product/202309/products/" + Uri.EscapeDataString(productId) + "/inventory/update")
            .WithBody(new InventoryUpdateBody(skus), TikTokShopJsonContext.Default.InventoryUpdateBody);
        return _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.InventoryUpdateResult, cancellationToken);
    }
}
