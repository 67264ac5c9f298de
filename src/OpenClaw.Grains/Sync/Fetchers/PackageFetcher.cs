using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Sync.Tracking;
using OpenClaw.TikTokShop.Fulfillment;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Sync.Fetchers;

/// <summary>
/// Packages by <c>update_time</c> window, 50 per page, ascending. Each package that is final (<see cref="IsFinal"/>)
/// and whose order's tracking is not stored yet is remembered in the shop's <see cref="TrackingBacklog"/> (due when
/// found by incremental sync, backlog when found by backfill); the grain fetches the tracking later, once per package,
/// as its lowest-priority work (docs/metrics.md: <c>orders_tracked</c>). The page itself costs one call.
/// </summary>
public sealed class PackageFetcher : IWindowedFetcher
{
    /// <inheritdoc />
    public SyncDomain Domain => SyncDomain.Packages;

    /// <summary>
    /// True when a package will not change any more and was shipped: COMPLETED, or CANCELLED with a tracking number
    /// (cancelled after shipment, e.g. lost in transit). Its tracking is then complete and fetched once.
    /// </summary>
    public static bool IsFinal(Package package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return package.Orders is { Count: > 0 }
            && (package.Status == "COMPLETED" || (package.Status == "CANCELLED" && !string.IsNullOrEmpty(package.TrackingNumber)));
    }

    /// <inheritdoc />
    public async Task<FetchedPage> FetchAsync(DomainFetch fetch, SyncWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(window);
        var query = new PackageSearchQuery { UpdateTimeFrom = window.From, UpdateTimeTo = window.To, PageSize = 50 };
        var page = (await fetch.Client.Fulfillment.SearchPackagesAsync(fetch.Access, query, window.PageToken, fetch.Options, cancellationToken).ConfigureAwait(false))
            .GetValueOrThrow();
        if (fetch.Tracking is { } backlog)
        {
            var due = fetch.Options.Priority != CallPriority.Backfill;
            var missing = new List<PendingTracking>();
            foreach (var package in page.Items.Where(IsFinal))
            {
                var orderId = package.Orders![0].Id;
                if (await fetch.Store.GetAsync(fetch.Access.ShopId, EntityKind.Tracking, orderId).ConfigureAwait(false) is null)
                {
                    missing.Add(new PendingTracking(orderId, package.Id, package.UpdateTime, due));
                }
            }

            // Remembered before the page is checkpointed: a crash repeats the page, and adding again changes nothing.
            await backlog.AddAsync(fetch.Access.ShopId, missing).ConfigureAwait(false);
        }

        return new FetchedPage([.. page.Items.Select(EntityProjection.Of)], page.NextPageToken, 1);
    }

    /// <summary>One order's tracking as a stored version (one call).</summary>
    public static async Task<EntityVersion> FetchTrackingAsync(DomainFetch fetch, PendingTracking pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(pending);
        var scans = (await fetch.Client.Fulfillment.GetTrackingAsync(fetch.Access, pending.OrderId, fetch.Options, cancellationToken).ConfigureAwait(false))
            .GetValueOrThrow();
        return EntityProjection.Of(pending.OrderId, pending.PackageId, scans, pending.PackageUpdateTime);
    }
}
