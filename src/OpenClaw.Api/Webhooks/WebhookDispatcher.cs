using Microsoft.Extensions.Options;
using OpenClaw.Grains.Notifications;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Shops;
using StackExchange.Redis;

namespace OpenClaw.Api.Webhooks;

/// <summary>
/// Hands inbox events to their shop grains in the background (every API replica runs one; leases keep them apart),
/// woken by <see cref="WebhookInbox.Arrivals"/> when an event is accepted on any replica, else every poll interval. A
/// shop OpenClaw does not have connected is dropped with a log and a count; a failed grain call is retried with backoff
/// and never lost. Delivery is at least once (a replica that dies between the grain's answer and the acknowledgement
/// leaves the event to be handed off again), which the grain's reactions tolerate: a targeted fetch already queued is
/// not queued twice, and deauthorization and expiry set a state.
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookInbox inbox, IGrainFactory grains, ShopReadModel shops, WebhookMetrics metrics, IOptions<WebhookOptions> options,
    TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>Events leased per round trip.</summary>
    public const int BatchSize = 16;

    /// <summary>
    /// Hand-offs in flight at once. Each waits for its shop grain's current turn (a grain takes one call at a time), so
    /// one busy shop must not hold up the others: events are handed off as they are claimed, not batch by batch (a
    /// batch waited for its slowest member; under 10,000 syncing shops that was one 5 s grain timeout per 16 events).
    /// </summary>
    public const int MaxInFlight = 64;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Parallel.ForEachAsync pulls the next claimed event when a hand-off finishes, and on shutdown waits for
            // those in flight; an event leased but not handed off comes back to the inbox after its lease.
            await Parallel.ForEachAsync(ClaimedEventsAsync(stoppingToken), new ParallelOptions { MaxDegreeOfParallelism = MaxInFlight },
                async (claimed, _) => await DispatchAsync(claimed).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async IAsyncEnumerable<ClaimedWebhook> ClaimedEventsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await ClaimAsync().ConfigureAwait(false);
            foreach (var claimed in batch)
            {
                yield return claimed;
            }

            if (batch.Count < BatchSize)
            {
                await inbox.Arrivals.WaitAsync(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<ClaimedWebhook>> ClaimAsync()
    {
        try
        {
            return await inbox.ClaimAsync(BatchSize).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogInboxUnavailable(logger, ex.GetType().Name);
            return [];
        }
    }

    private async Task DispatchAsync(ClaimedWebhook claimed)
    {
        try
        {
            await HandOffAsync(claimed).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis unreachable: the leased event comes back after its lease.
            LogInboxUnavailable(logger, ex.GetType().Name);
        }
    }

    private async Task HandOffAsync(ClaimedWebhook claimed)
    {
        var webhook = claimed.Event.Webhook;
        var known = await shops.ReadAsync([webhook.ShopId]).ConfigureAwait(false);
        if (known.Count == 0 || known[0].Shop.Status == ShopStatus.NotConnected)
        {
            LogUnknownShop(logger, webhook.Type, webhook.ShopId);
            metrics.Count(WebhookMetrics.UnknownShop, webhook.Type);
            await inbox.AckAsync(claimed).ConfigureAwait(false);
            return;
        }

        try
        {
            var grain = grains.GetGrain<IShopGrain>(webhook.ShopId);
            foreach (var action in webhook.Actions)
            {
                await grain.HandleWebhookAsync(action).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var outcome = await inbox.NackAsync(claimed, ex.GetType().Name).ConfigureAwait(false);
            LogHandOffFailed(logger, webhook.Type, webhook.ShopId, claimed.Attempts, ex.GetType().Name, outcome);
            metrics.Count(outcome == OutboxNackResult.DeadLettered ? WebhookMetrics.DeadLettered : WebhookMetrics.Retried, webhook.Type);
            return;
        }

        await inbox.AckAsync(claimed).ConfigureAwait(false);
        metrics.Count(WebhookMetrics.Delivered, webhook.Type);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook type {Type} for shop {ShopId} dropped: the shop is not connected to OpenClaw")]
    private static partial void LogUnknownShop(ILogger logger, int type, string shopId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook type {Type} for shop {ShopId}: hand-off attempt {Attempt} failed ({Error}); {Outcome}")]
    private static partial void LogHandOffFailed(ILogger logger, int type, string shopId, int attempt, string error, OutboxNackResult outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook inbox unavailable ({Error}); retrying")]
    private static partial void LogInboxUnavailable(ILogger logger, string error);
}
