using OpenClaw.Grains.Entities;
using OpenClaw.TikTokShop.Analytics;

namespace OpenClaw.Grains.Sync.Fetchers;

/// <summary>Domains read whole each run: warehouses and the recent days of shop performance.</summary>
public static class FullFetchers
{
    /// <summary>Days of shop performance re-read each run (TikTok revises recent days).</summary>
    public const int PerformanceDays = 14;

    /// <summary>The shop's warehouses (one call).</summary>
    public static async Task<FetchedPage> WarehousesAsync(DomainFetch fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var list = (await fetch.Client.Fulfillment.ListWarehousesAsync(fetch.Access, fetch.Options, cancellationToken).ConfigureAwait(false)).GetValueOrThrow();
        return new FetchedPage([.. list.Select(EntityProjection.Of)], null, 1);
    }

    /// <summary>
    /// The last <see cref="PerformanceDays"/> days of shop performance per day, in the shop's TikTok time zone
    /// (<paramref name="shopTimeZone"/>; contract §5 dates are shop-local, end exclusive), one call.
    /// </summary>
    public static async Task<FetchedPage> PerformanceAsync(DomainFetch fetch, string shopTimeZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(shopTimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var query = new ShopPerformanceQuery(today.AddDays(-PerformanceDays), today);
        var data = (await fetch.Client.Analytics.GetShopPerformanceAsync(fetch.Access, query, fetch.Options, cancellationToken).ConfigureAwait(false)).GetValueOrThrow();
        return new FetchedPage([.. (data.Performance.Intervals ?? []).Select(EntityProjection.Of)], null, 1);
    }
}
