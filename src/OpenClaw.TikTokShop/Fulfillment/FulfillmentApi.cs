using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Json;
using OpenClaw.TikTokShop.Paging;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.TikTokShop.Fulfillment;

/// <summary>Packages, tracking (<c>/fulfillment/202309</c>) and warehouses (<c>/logistics/202309</c>).</summary>
public sealed class FulfillmentApi
{
    private const string PackagesPath = "/fulfillment/202309/packages/search";
    private const string TrackingTemplate = "/fulfillment/202309/orders/{order_id}/tracking";
    private const string WarehousesPath = "/logistics/202309/warehouses";
    private readonly TikTokShopTransport _transport;

    internal FulfillmentApi(TikTokShopTransport transport) => _transport = transport;

    /// <summary>One page of packages (page size 1–50).</summary>
    public async Task<TikTokShopResult<Page<Package>>> SearchPackagesAsync(
        ShopAccess shop, PackageSearchQuery query, string? pageToken = null, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = new ApiRequest(HttpMethod.Post, PackagesPath)
            .WithPaging(query.PageSize, pageToken, query.SortField, query.SortOrder)
            .WithBody(query.ToBody(), TikTokShopJsonContext.Default.PackageSearchBody);
        var result = await _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.PackageSearchData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => new Page<Package>(d.Packages ?? [], pageToken, d.NextPageToken, d.TotalCount));
    }

    /// <summary>All pages of packages, from <paramref name="startPageToken"/>.</summary>
    public IAsyncEnumerable<Page<Package>> SearchPackagePagesAsync(
        ShopAccess shop, PackageSearchQuery query, string? startPageToken = null, CallOptions? options = null, CancellationToken cancellationToken = default) =>
        PageIterator.IterateAsync((token, ct) => SearchPackagesAsync(shop, query, token, options, ct), p => p.Id, startPageToken, cancellationToken);

    /// <summary>Carrier scans of an order (times converted from milliseconds).</summary>
    public async Task<TikTokShopResult<IReadOnlyList<TrackingEvent>>> GetTrackingAsync(
        ShopAccess shop, string orderId, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        var request = new ApiRequest(HttpMethod.Get, TrackingTemplate, "/fulfillment/202309/orders/" + Uri.EscapeDataString(orderId) + "/tracking");
        var result = await _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.TrackingData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => d.Tracking ?? (IReadOnlyList<TrackingEvent>)[]);
    }

    /// <summary>The shop's warehouses.</summary>
    public async Task<TikTokShopResult<IReadOnlyList<Warehouse>>> ListWarehousesAsync(
        ShopAccess shop, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest(HttpMethod.Get, WarehousesPath);
        var result = await _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.WarehouseListData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => d.Warehouses ?? (IReadOnlyList<Warehouse>)[]);
    }
}
