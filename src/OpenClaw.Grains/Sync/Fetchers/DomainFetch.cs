using OpenClaw.Grains.Entities;
using OpenClaw.TikTokShop;
using OpenClaw.TikTokShop.Calls;

namespace OpenClaw.Grains.Sync.Fetchers;

/// <summary>What a fetcher needs for one call: the client, the shop's access, call options (priority, 105002 refresh) and the store.</summary>
/// <param name="Client">The TikTok client (budgeted, traced, resilient).</param>
/// <param name="Access">Shop id, cipher and current access token.</param>
/// <param name="Options">Priority and the 105002 refresh callback.</param>
/// <param name="Store">The entity store (to skip detail calls for versions already stored).</param>
/// <param name="Tracking">Where final packages whose tracking is missing are remembered (null: not remembered).</param>
/// <param name="Held">A products search page a previous turn stopped inside (kept in the activation's memory): used
/// instead of searching again when it is the page of the same window and page token.</param>
public sealed record DomainFetch(TikTokShopClient Client, ShopAccess Access, CallOptions Options, EntityStore Store, Tracking.TrackingBacklog? Tracking = null,
    HeldProductPage? Held = null);

/// <summary>
/// A products search page whose detail calls stopped part-way (<see cref="PartialPageException"/>), held in memory so the
/// next turn goes on with its details without a second search call. Lost with the activation, which then searches again.
/// </summary>
/// <param name="Window">The window and page token the page answers (record equality decides whether it still applies).</param>
/// <param name="Page">The search's answer.</param>
public sealed record HeldProductPage(SyncWindow Window, TikTokShop.Paging.Page<TikTokShop.Products.ProductSummary> Page);

/// <summary>One fetched page: the versions to upsert, the next page token (empty on the last page) and how many calls it took.</summary>
public sealed record FetchedPage(IReadOnlyList<EntityVersion> Versions, string? NextPageToken, int Calls);

/// <summary>Fetches one page of a windowed domain (orders, returns, cancellations, products, packages).</summary>
public interface IWindowedFetcher
{
    /// <summary>The domain.</summary>
    SyncDomain Domain { get; }

    /// <summary>The page of <paramref name="window"/> at its page token, sorted by <c>update_time</c> ascending where the API allows.</summary>
    /// <exception cref="TikTokShop.Errors.TikTokShopException">The call failed (classified by the error catalogue).</exception>
    Task<FetchedPage> FetchAsync(DomainFetch fetch, SyncWindow window, CancellationToken cancellationToken);
}

/// <summary>The fetchers of every windowed domain.</summary>
public static class WindowedFetchers
{
    /// <summary>By domain.</summary>
    public static IReadOnlyDictionary<SyncDomain, IWindowedFetcher> All { get; } = new IWindowedFetcher[]
    {
        new OrderFetcher(), new ReturnFetcher(), new CancellationFetcher(), new ProductFetcher(), new PackageFetcher(),
    }.ToDictionary(f => f.Domain);
}
