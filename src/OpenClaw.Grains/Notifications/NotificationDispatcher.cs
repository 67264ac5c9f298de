using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// One pass of delivery: claims due outbox items, groups them by channel, packs each channel's items into as few
/// messages as its limits allow (<see cref="ChannelMessagePacker"/>), takes a slot from the channel's cluster-wide rate
/// budget per message — deferring what does not fit until a slot frees, never dropping — sends, and acknowledges or
/// fails every carried item. Driven by <see cref="TimeProvider"/>, so tests run it on a fake clock.
/// </summary>
public sealed partial class NotificationDispatcher(
    NotificationOutbox outbox,
    INotificationChannelStore channels,
    IEnumerable<INotificationChannelSender> senders,
    ChannelMessagePacker packer,
    ChannelRateLimiter rateLimiter,
    OutboundTargetGuard guard,
    NotificationOptions options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger)
{
    private readonly Dictionary<NotificationChannelKind, INotificationChannelSender> _senders = senders.ToDictionary(s => s.Kind);

    /// <summary>Delivers what is due now; returns the number of items claimed (0 when the outbox had nothing due).</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await outbox.ClaimAsync(options.ClaimBatchSize).ConfigureAwait(false);
        foreach (var group in claimed.GroupBy(c => (c.Item.Notification.TenantId, c.Item.Notification.ChannelId)))
        {
            await DeliverAsync(group.Key.TenantId, group.Key.ChannelId, [.. group], cancellationToken).ConfigureAwait(false);
        }

        AlertsTelemetry.ReportDepth(await outbox.DepthAsync().ConfigureAwait(false));
        return claimed.Count;
    }

    private async Task DeliverAsync(string tenantId, string channelId, List<ClaimedOutboxItem> items, CancellationToken cancellationToken)
    {
        var channel = await channels.GetAsync(tenantId, channelId).ConfigureAwait(false);
        var problem = channel is null ? "channel not found" : channel.Url is { } url ? guard.Problem(url) : null;
        if (channel is null || problem is not null || !_senders.TryGetValue(channel.Kind, out var sender))
        {
            await FailAsync(items, channel?.Kind, problem ?? "no sender for the channel kind", null).ConfigureAwait(false);
            return;
        }

        var byId = items.ToDictionary(i => i.Item.Id, StringComparer.Ordinal);
        var messages = packer.Pack([.. items.Select(i => i.Item.Notification)], channel, sender.Limits, time.GetUtcNow());
        for (var m = 0; m < messages.Count; m++)
        {
            var carried = messages[m].NotificationIds.Select(id => byId[id]).ToList();
            if (await rateLimiter.TryAcquireAsync(channel.RateKey, sender.Limits.Rates).ConfigureAwait(false) is { } wait)
            {
                // Budget spent: everything not yet sent waits for the next free slot, where it is packed again (batched).
                await DeferRestAsync(channel, messages, m, byId, wait).ConfigureAwait(false);
                return;
            }

            var result = await SendAsync(sender, channel, messages[m].Message, carried, cancellationToken).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case ChannelSendOutcome.Delivered:
                    foreach (var item in carried)
                    {
                        await outbox.AckAsync(item).ConfigureAwait(false);
                    }

                    AlertsTelemetry.Sent.Add(carried.Count, new KeyValuePair<string, object?>("openclaw.channel.kind", channel.Kind.ToString()));
                    break;
                case ChannelSendOutcome.RateLimited:
                    await DeferRestAsync(channel, messages, m, byId, result.RetryAfter ?? TimeSpan.FromMinutes(1)).ConfigureAwait(false);
                    return;
                default:
                    await FailAsync(carried, channel.Kind, result.Error, result.RetryAfter).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task DeferRestAsync(NotificationChannel channel, IReadOnlyList<PackedMessage> messages, int from,
        Dictionary<string, ClaimedOutboxItem> byId, TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;
        var rest = messages.Skip(from).SelectMany(p => p.NotificationIds).ToList();
        foreach (var id in rest)
        {
            await outbox.DeferAsync(byId[id], until).ConfigureAwait(false);
        }

        LogDeferred(channel.ChannelId, channel.Kind, rest.Count, wait.TotalMilliseconds);
    }

    private async Task<ChannelSendResult> SendAsync(INotificationChannelSender sender, NotificationChannel channel, NotificationMessage message,
        List<ClaimedOutboxItem> carried, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.Source.StartActivity("notification deliver", ActivityKind.Client);
        activity?.SetTag("openclaw.tenant_id", channel.TenantId);
        activity?.SetTag("openclaw.channel.id", channel.ChannelId);
        activity?.SetTag("openclaw.channel.kind", channel.Kind.ToString());
        activity?.SetTag("openclaw.notification.request_id", message.RequestId);
        activity?.SetTag("openclaw.notification.count", carried.Count);
        activity?.SetTag("openclaw.retry.count", carried.Max(c => c.Attempts) - 1);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AttemptTimeout);
        ChannelSendResult result;
        try
        {
            result = await sender.SendAsync(channel, message, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new ChannelSendResult(ChannelSendOutcome.Failed, "timeout");
        }

        activity?.SetTag("openclaw.notification.outcome", result.Outcome.ToString());
        if (result.Outcome != ChannelSendOutcome.Delivered)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Error);
        }

        return result;
    }

    private async Task FailAsync(List<ClaimedOutboxItem> items, NotificationChannelKind? kind, string? error, TimeSpan? retryAfter)
    {
        var tag = new KeyValuePair<string, object?>("openclaw.channel.kind", kind?.ToString() ?? "unknown");
        foreach (var item in items)
        {
            var outcome = await outbox.NackAsync(item, error, retryAfter).ConfigureAwait(false);
            AlertsTelemetry.Failed.Add(1, tag);
            if (outcome == OutboxNackResult.DeadLettered)
            {
                AlertsTelemetry.DeadLettered.Add(1, tag);
                LogDeadLettered(item.Item.Id, item.Item.Notification.ChannelId, item.Attempts, error);
            }
            else
            {
                LogFailed(item.Item.Id, item.Item.Notification.ChannelId, item.Attempts, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} to channel {ChannelId} failed (attempt {Attempt}): {Error}")]
    private partial void LogFailed(string notificationId, string channelId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {NotificationId} to channel {ChannelId} dead-lettered after {Attempts} attempts: {Error}")]
    private partial void LogDeadLettered(string notificationId, string channelId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Channel {ChannelId} ({Kind}) rate budget spent: {Count} notification(s) wait {WaitMs} ms to be batched")]
    private partial void LogDeferred(string channelId, NotificationChannelKind kind, int count, double waitMs);
}
