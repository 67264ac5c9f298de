using OpenClaw.Grains.Entities;
using OpenClaw.TikTokShop.Returns;

namespace OpenClaw.Grains.Sync.Fetchers;

/// <summary>Returns and refunds by <c>update_time</c> window, 50 per page, ascending (contract §5).</summary>
public sealed class ReturnFetcher : IWindowedFetcher
{
    /// <inheritdoc />
    public SyncDomain Domain => SyncDomain.Returns;

    /// <inheritdoc />
    public Task<FetchedPage> FetchAsync(DomainFetch fetch, SyncWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        return FetchAsync(fetch, new AfterSaleSearchQuery { UpdateTimeFrom = window.From, UpdateTimeTo = window.To, PageSize = 50 }, window.PageToken, cancellationToken);
    }

    /// <summary>One page of returns for <paramref name="query"/> (also the targeted fetch by order id of webhook 12).</summary>
    public static async Task<FetchedPage> FetchAsync(DomainFetch fetch, AfterSaleSearchQuery query, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var page = (await fetch.Client.Returns.SearchReturnsAsync(fetch.Access, query, pageToken, fetch.Options, cancellationToken).ConfigureAwait(false))
            .GetValueOrThrow();
        return new FetchedPage([.. page.Items.Select(EntityProjection.Of)], page.NextPageToken, 1);
    }
}

/// <summary>Cancellations by <c>update_time</c> window, 50 per page, ascending (contract §5).</summary>
public sealed class CancellationFetcher : IWindowedFetcher
{
    /// <inheritdoc />
    public SyncDomain Domain => SyncDomain.Cancellations;

    /// <inheritdoc />
    public Task<FetchedPage> FetchAsync(DomainFetch fetch, SyncWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        return FetchAsync(fetch, new AfterSaleSearchQuery { UpdateTimeFrom = window.From, UpdateTimeTo = window.To, PageSize = 50 }, window.PageToken, cancellationToken);
    }

    /// <summary>One page of cancellations for <paramref name="query"/> (also the targeted fetch by order id of webhook 11).</summary>
    public static async Task<FetchedPage> FetchAsync(DomainFetch fetch, AfterSaleSearchQuery query, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var page = (await fetch.Client.Returns.SearchCancellationsAsync(fetch.Access, query, pageToken, fetch.Options, cancellationToken).ConfigureAwait(false))
            .GetValueOrThrow();
        return new FetchedPage([.. page.Items.Select(EntityProjection.Of)], page.NextPageToken, 1);
    }
}
