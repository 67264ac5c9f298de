using OpenClaw.TikTokShop.Simulator.Auth;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Orders;
using OpenClaw.TikTokShop.Simulator.Data.Products;

namespace OpenClaw.TikTokShop.Simulator.Webhooks;

/// <summary>
/// Watches the simulated clock and, for every shop someone listens to, queues a webhook for each order, package,
/// cancellation, return and product change that happened since the previous look. Runs beside the API, never in it.
/// </summary>
/// <remarks>
/// A shop's timelines are read only in a second that holds one of its changes: each look notes the shop's next change
/// (generated orders and products are fixed by the seed; a new local day brings new orders; an injected product incident
/// is seen through <see cref="ProductIncidents.LatestFor"/>). Reading every shop's 27 days of orders and its catalogue
/// each second cost more than a core at 10,000 shops and regenerated what the caches could not hold (docs/benchmarks.md).
/// </remarks>
public sealed class ChangeFeed(
    SimulatedClock clock,
    ShopDirectory shops,
    OrderPlanner orders,
    ProductCatalog products,
    ProductIncidents incidents,
    WebhookSubscriptions subscriptions,
    WebhookOutbox outbox,
    AuthorizationStore authorizations,
    TimeProvider time) : BackgroundService
{
    private const long Day = 86_400;
    private const int ExpiryWarningDays = 30;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();

    // Per shop index: no change of the shop's is due before this time (Unix seconds), as of the look that ended at
    // _lookedUpTo. Zero (never looked) makes the shop due.
    private long[] _nextChange = [];
    private long _lookedUpTo = long.MinValue;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = clock.NowUnix; // the start second is history
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // Only seconds that have ended: an admin change (a product incident) is stamped with the current second
                // and may come after this look, so publishing the current second would skip it for good.
                var upTo = clock.NowUnix - 1;
                if (upTo > seen)
                {
                    Publish(seen, upTo);
                    seen = upTo;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Queues every change in (<paramref name="after"/>, <paramref name="upTo"/>] (Unix seconds).</summary>
    public void Publish(long after, long upTo)
    {
        lock (_gate)
        {
            if (after != _lookedUpTo || _nextChange.Length != shops.All.Count)
            {
                // Not the window after the previous one: what the previous look noted says nothing about this one.
                _nextChange = new long[shops.All.Count];
            }

            PublishExpiryWarnings(after, upTo);
            foreach (var shop in shops.All)
            {
                if (subscriptions.AnyTarget(shop.Index) && (_nextChange[shop.Index] <= upTo || incidents.LatestFor(shop.Index) > after))
                {
                    _nextChange[shop.Index] = PublishShop(shop, after, upTo);
                }
            }

            _lookedUpTo = upTo;
        }
    }

    // Queues the shop's changes in (after, upTo]; returns the time of its next change after upTo.
    private long PublishShop(Shop shop, long after, long upTo)
    {
        var from = shop.Region.LocalDate(after - OrderPlanner.MaxTimelineDays * Day);
        var first = orders.FirstDay(shop);
        var today = shop.Region.LocalDate(upTo);
        var shopOrders = orders.OrdersBetween(shop, from < first ? first : from, today).ToList();
        var catalogue = products.For(shop);
        var changes = shopOrders.SelectMany(o => WebhookEvents.OrderChanges(o, after, upTo))
            .Concat(catalogue.SelectMany(p => WebhookEvents.ProductChanges(p, after, upTo)))
            .OrderBy(c => c.Time);
        foreach (var (at, type, data) in changes)
        {
            if (subscriptions.Target(shop.Index, type) is { } address)
            {
                outbox.TryEnqueue(WebhookNotification.Create(shop, type, data, at, address));
            }
        }

        // Tomorrow's orders are not in this look's days: the shop is due again by the next local midnight at the latest.
        var next = shop.Region.LocalMidnight(today.AddDays(1));
        foreach (var order in shopOrders)
        {
            next = Math.Min(next, WebhookEvents.NextOrderChange(order, upTo));
        }

        foreach (var product in catalogue)
        {
            next = Math.Min(next, WebhookEvents.NextProductChange(product, upTo));
        }

        return next;
    }

    /// <summary>Type 7: 30 days before an authorization (its refresh token) expires, then daily until it does.</summary>
    private void PublishExpiryWarnings(long after, long upTo)
    {
        foreach (var grant in authorizations.ActiveGrants)
        {
            if (subscriptions.Target(grant.ShopIndex, 7) is not { } address)
            {
                continue;
            }

            for (var daysLeft = ExpiryWarningDays; daysLeft > 0; daysLeft--)
            {
                var at = grant.RefreshExpiresAt - daysLeft * Day;
                if (at > after && at <= upTo)
                {
                    outbox.TryEnqueue(WebhookNotification.Create(shops.All[grant.ShopIndex], 7, WebhookEvents.UpcomingExpiration(grant.RefreshExpiresAt), at, address));
                }
            }
        }
    }
}
