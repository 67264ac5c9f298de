using OpenClaw.Grains.Entities;
using OpenClaw.TikTokShop.Orders;

namespace OpenClaw.Grains.Sync.Fetchers;

/// <summary>Orders by <c>update_time</c> window, 100 per page, ascending (contract §5 order search).</summary>
public sealed class OrderFetcher : IWindowedFetcher
{
    /// <inheritdoc />
    public SyncDomain Domain => SyncDomain.Orders;

    /// <inheritdoc />
    public async Task<FetchedPage> FetchAsync(DomainFetch fetch, SyncWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(window);
        var query = new OrderSearchQuery { UpdateTimeFrom = window.From, UpdateTimeTo = window.To, PageSize = 100 };
        var page = (await fetch.Client.Orders.SearchAsync(fetch.Access, query, window.PageToken, fetch.Options, cancellationToken).ConfigureAwait(false))
            .GetValueOrThrow();
        return new FetchedPage([.. page.Items.Select(EntityProjection.Of)], page.NextPageToken, 1);
    }

    /// <summary>Orders by id (a webhook's targeted fetch; at most 50 ids).</summary>
    public static async Task<FetchedPage> FetchByIdsAsync(DomainFetch fetch, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var orders = (await fetch.Client.Orders.GetAsync(fetch.Access, orderIds, fetch.Options, cancellationToken).ConfigureAwait(false)).GetValueOrThrow();
        return new FetchedPage([.. orders.Select(EntityProjection.Of)], null, 1);
    }
}
