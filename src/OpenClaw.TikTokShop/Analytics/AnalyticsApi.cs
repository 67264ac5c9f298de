using System.Globalization;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Json;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.TikTokShop.Analytics;

/// <summary>Shop performance (<c>/analytics/202405</c>), used for reconciliation.</summary>
public sealed class AnalyticsApi
{
    private const string PerformancePath = "/analytics/202405/shop/performance";
    private readonly TikTokShopTransport _transport;

    internal AnalyticsApi(TikTokShopTransport transport) => _transport = transport;

    /// <summary>Performance intervals between two dates of the shop's time zone (end exclusive).</summary>
    public Task<TikTokShopResult<ShopPerformanceData>> GetShopPerformanceAsync(
        ShopAccess shop, ShopPerformanceQuery query, CallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = new ApiRequest(HttpMethod.Get, PerformancePath)
            .With("start_date_ge", query.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .With("end_date_lt", query.EndDateExclusive.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .With("granularity", query.Granularity)
            .With("currency", query.Currency);
        return _transport.SendAsync(request, shop, options, TikTokShopJsonContext.Default.ShopPerformanceData, cancellationToken);
    }
}
