using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Json;
using OpenClaw.TikTokShop.Paging;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.TikTokShop.Orders;

/// <summary>Order search and detail (<c>/order/202309</c>).</summary>
public sealed class OrdersApi
{
    /// <summary>Most ids one detail call accepts.</summary>
    public const int MaxIdsPerCall = 50;

    private const string SearchPath = "/order/202309/orders/search";
    private const string DetailPath = "/order/202309/orders";
    private readonly TikTokShopTransport _transport;

    internal OrdersApi(TikTokShopTransport transport) => _transport = transport;

    /// <summary>One page of orders matching <paramref name="query"/>.</summary>
    public async Task<TikTokShopResult<Page<Order>>> SearchAsync(
        ShopAccess shop, OrderSearchQuery query, string? pageToken = null, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = new ApiRequest(HttpMethod.Post, SearchPath)
            .WithPaging(query.PageSize, pageToken, query.SortField, query.SortOrder)
            .WithBody(query.ToBody(), TikTokShopJsonContext.Default.OrderSearchBody);
        var result = await _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.OrderSearchData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => new Page<Order>(d.Orders ?? [], pageToken, d.NextPageToken, d.TotalCount));
    }

    /// <summary>All pages of the search, from <paramref name="startPageToken"/>; checkpoint each page's <c>NextPageToken</c>.</summary>
    public IAsyncEnumerable<Page<Order>> SearchPagesAsync(
        ShopAccess shop, OrderSearchQuery query, string? startPageToken = null, CallOptions? options = null, CancellationToken cancellationToken = default) =>
        PageIterator.IterateAsync((token, ct) => SearchAsync(shop, query, token, options, ct), o => o.Id, startPageToken, cancellationToken);

    /// <summary>Orders by id (at most <see cref="MaxIdsPerCall"/>).</summary>
    public async Task<TikTokShopResult<IReadOnlyList<Order>>> GetAsync(
        ShopAccess shop, IReadOnlyCollection<string> orderIds, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        ArgumentOutOfRangeException.ThrowIfZero(orderIds.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(orderIds.Count, MaxIdsPerCall);
        var request = new ApiRequest(HttpMethod.Get, DetailPath).With("ids", string.Join(',', orderIds));
        var result = await _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.OrderListData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => d.Orders ?? (IReadOnlyList<Order>)[]);
    }
}
