using OpenClaw.Grains.Entities;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Products;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Sync.Fetchers;

/// <summary>
/// Products by <c>update_time</c> window, then the detail of each product newer than the stored version (search has
/// no audit status; contract §5). Search's upper bound is inclusive (<c>update_time_le</c>), so the window's exclusive
/// end becomes <c>To − 1 s</c>. A window past 10,000 results fails with 12052180; the grain narrows it.
/// </summary>
public sealed class ProductFetcher : IWindowedFetcher
{
    /// <summary>Products per search page: small, because each changed product costs a detail call in the same page.</summary>
    public const int PageSize = 20;

    /// <inheritdoc />
    public SyncDomain Domain => SyncDomain.Products;

    /// <inheritdoc />
    public async Task<FetchedPage> FetchAsync(DomainFetch fetch, SyncWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(window);
        var held = fetch.Held is { } h && h.Window == window ? h.Page : null;
        var query = new ProductSearchQuery { UpdateTimeFrom = window.From, UpdateTimeTo = window.To.AddSeconds(-1), PageSize = PageSize };
        var page = held ?? (await fetch.Client.Products.SearchAsync(fetch.Access, query, window.PageToken, fetch.Options, cancellationToken).ConfigureAwait(false))
            .GetValueOrThrow();
        var versions = new List<EntityVersion>(page.Items.Count);
        var calls = held is null ? 1 : 0;
        foreach (var summary in page.Items)
        {
            var stored = await fetch.Store.GetAsync(fetch.Access.ShopId, EntityKind.Product, summary.Id).ConfigureAwait(false);
            if (stored is not null && stored.UpdateTime >= summary.UpdateTime)
            {
                continue; // a repeated or overlapping page: the detail is already stored
            }

            try
            {
                versions.Add(await FetchDetailAsync(fetch, summary.Id, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (versions.Count > 0 && ex is RateBudgetPausedException or TikTokShopException)
            {
                throw new PartialPageException(versions, calls, ex) { Held = new HeldProductPage(window, page) }; // keep what was fetched
            }

            calls++;
        }

        return new FetchedPage(versions, page.NextPageToken, calls);
    }

    /// <summary>One product's detail (also the targeted fetch of webhooks 5 and 37).</summary>
    public static async Task<EntityVersion> FetchDetailAsync(DomainFetch fetch, string productId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var detail = (await fetch.Client.Products.GetAsync(fetch.Access, productId, fetch.Options, cancellationToken).ConfigureAwait(false)).GetValueOrThrow();
        return EntityProjection.Of(detail);
    }
}
