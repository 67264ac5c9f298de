using OpenClaw.Grains.Entities;
using OpenClaw.TikTokShop.Fulfillment;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Sync.Fetchers;

/// <summary>
/// Packages by <c>update_time</c> window, 50 per page, ascending; for each package that reached COMPLETED and whose
/// tracking is not stored yet, one tracking call for its order (the scans metrics need: valid tracking, exceptions).
/// Tracking is fetched once per package rather than on every change, and not during backfill (a 30-day history would
/// cost one call per delivered order; history's delivery times come from the orders), to keep within the daily quota.
/// </summary>
public sealed class PackageFetcher : IWindowedFetcher
{
    /// <inheritdoc />
    public SyncDomain Domain => SyncDomain.Packages;

    /// <inheritdoc />
    public async Task<FetchedPage> FetchAsync(DomainFetch fetch, SyncWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(window);
        var query = new PackageSearchQuery { UpdateTimeFrom = window.From, UpdateTimeTo = window.To, PageSize = 50 };
        var page = (await fetch.Client.Fulfillment.SearchPackagesAsync(fetch.Access, query, window.PageToken, fetch.Options, cancellationToken).ConfigureAwait(false))
            .GetValueOrThrow();
        var versions = page.Items.Select(EntityProjection.Of).ToList();
        var calls = 1;
        var withTracking = fetch.Options.Priority != CallPriority.Backfill;
        foreach (var package in page.Items.Where(p => withTracking && p.Status == "COMPLETED" && p.Orders is { Count: > 0 }))
        {
            var orderId = package.Orders![0].Id;
            if (await fetch.Store.GetAsync(fetch.Access.ShopId, EntityKind.Tracking, orderId).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var scans = (await fetch.Client.Fulfillment.GetTrackingAsync(fetch.Access, orderId, fetch.Options, cancellationToken).ConfigureAwait(false))
                .GetValueOrThrow();
            versions.Add(EntityProjection.Of(orderId, package.Id, scans, package.UpdateTime));
            calls++;
        }

        return new FetchedPage(versions, page.NextPageToken, calls);
    }
}
