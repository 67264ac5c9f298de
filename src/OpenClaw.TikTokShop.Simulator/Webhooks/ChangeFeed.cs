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
public sealed class ChangeFeed(
    SimulatedClock clock,
    ShopDirectory shops,
    OrderPlanner orders,
    ProductCatalog products,
    WebhookSubscriptions subscriptions,
    WebhookOutbox outbox,
    AuthorizationStore authorizations,
    TimeProvider time) : BackgroundService
{
    private const long Day = 86_400;
    private const int ExpiryWarningDays = 30;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

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

    /// <summary>Queues every change in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public void Publish(long after, long upTo)
    {
        PublishExpiryWarnings(after, upTo);
        foreach (var shop in shops.All)
        {
            if (!subscriptions.AnyTarget(shop.Index))
            {
                continue;
            }

            var from = shop.Region.LocalDate(after - OrderPlanner.MaxTimelineDays * 86_400L);
            var first = orders.FirstDay(shop);
            var changes = orders.OrdersBetween(shop, from < first ? first : from, shop.Region.LocalDate(upTo))
                .SelectMany(o => WebhookEvents.OrderChanges(o, after, upTo))
                .Concat(products.For(shop).SelectMany(p => WebhookEvents.ProductChanges(p, after, upTo)))
                .OrderBy(c => c.Time);
            foreach (var (at, type, data) in changes)
            {
                if (subscriptions.Target(shop.Index, type) is { } address)
                {
                    outbox.TryEnqueue(WebhookNotification.Create(shop, type, data, at, address));
                }
            }
        }
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
