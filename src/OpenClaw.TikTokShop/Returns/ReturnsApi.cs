using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Json;
using OpenClaw.TikTokShop.Paging;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.TikTokShop.Returns;

/// <summary>Returns, refunds and cancellations (<c>/return_refund/202309</c>).</summary>
public sealed class ReturnsApi
{
    private const string ReturnsPath = "/return_refund/202309/returns/search";
    private const string CancellationsPath = "/return_refund/202309/cancellations/search";
    private readonly TikTokShopTransport _transport;

    internal ReturnsApi(TikTokShopTransport transport) => _transport = transport;

    /// <summary>One page of returns (page size 10–50).</summary>
    public async Task<TikTokShopResult<Page<ReturnOrder>>> SearchReturnsAsync(
        ShopAccess shop, AfterSaleSearchQuery query, string? pageToken = null, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = SearchRequest(ReturnsPath, query, pageToken).WithBody(query.ToReturnBody(), TikTokShopJsonContext.Default.ReturnSearchBody);
        var result = await _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.ReturnSearchData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => new Page<ReturnOrder>(d.ReturnOrders ?? [], pageToken, d.NextPageToken, d.TotalCount));
    }

    /// <summary>All pages of returns, from <paramref name="startPageToken"/>.</summary>
    public IAsyncEnumerable<Page<ReturnOrder>> SearchReturnPagesAsync(
        ShopAccess shop, AfterSaleSearchQuery query, string? startPageToken = null, CallOptions? options = null, CancellationToken cancellationToken = default) =>
        PageIterator.IterateAsync((token, ct) => SearchReturnsAsync(shop, query, token, options, ct), r => r.ReturnId, startPageToken, cancellationToken);

    /// <summary>One page of cancellations (page size 1–50).</summary>
    public async Task<TikTokShopResult<Page<Cancellation>>> SearchCancellationsAsync(
        ShopAccess shop, AfterSaleSearchQuery query, string? pageToken = null, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = SearchRequest(CancellationsPath, query, pageToken).WithBody(query.ToCancellationBody(), TikTokShopJsonContext.Default.CancellationSearchBody);
        var result = await _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.CancellationSearchData, cancellationToken).ConfigureAwait(false);
        return result.Map(d => new Page<Cancellation>(d.Cancellations ?? [], pageToken, d.NextPageToken, d.TotalCount));
    }

    /// <summary>All pages of cancellations, from <paramref name="startPageToken"/>.</summary>
    public IAsyncEnumerable<Page<Cancellation>> SearchCancellationPagesAsync(
        ShopAccess shop, AfterSaleSearchQuery query, string? startPageToken = null, CallOptions? options = null, CancellationToken cancellationToken = default) =>
        PageIterator.IterateAsync((token, ct) => SearchCancellationsAsync(shop, query, token, options, ct), c => c.CancelId, startPageToken, cancellationToken);

    private static ApiRequest SearchRequest(string path, AfterSaleSearchQuery query, string? pageToken) =>
        new ApiRequest(HttpMethod.Post, path)
            .WithPaging(query.PageSize, pageToken, query.SortField, query.SortOrder);
}
