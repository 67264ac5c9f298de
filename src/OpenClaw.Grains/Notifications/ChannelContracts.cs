namespace OpenClaw.Grains.Notifications;

/// <summary>A rate limit of a chat service: at most <paramref name="Messages"/> per <paramref name="Window"/> per robot.</summary>
public sealed record ChannelRate(TimeSpan Window, int Messages);

/// <summary>What a channel accepts: rate limits and message size.</summary>
/// <param name="Rates">Every limit must hold (e.g. Feishu: 5 per second and 100 per minute).</param>
/// <param name="MaxMessageBytes">Largest message text in UTF-8 bytes; several alerts are packed up to it.</param>
/// <param name="MaxNotificationsPerMessage">Most routed notifications per message (1 for the signed webhook: one request id each).</param>
public sealed record ChannelLimits(IReadOnlyList<ChannelRate> Rates, int MaxMessageBytes, int MaxNotificationsPerMessage);

/// <summary>How a send ended.</summary>
public enum ChannelSendOutcome
{
    /// <summary>The service accepted the message.</summary>
    Delivered = 0,

    /// <summary>The service refused for rate (e.g. WeCom 45009, DingTalk 130101, HTTP 429): retry later, not counted as a failure.</summary>
    RateLimited = 1,

    /// <summary>Anything else (network, 5xx, bad signature, bad URL): retried with backoff and counted.</summary>
    Failed = 2,
}

/// <summary>Result of one send. <paramref name="Error"/> never holds a URL, secret or signature.</summary>
public sealed record ChannelSendResult(ChannelSendOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null)
{
    /// <summary>Accepted.</summary>
    public static ChannelSendResult Delivered { get; } = new(ChannelSendOutcome.Delivered);
}

/// <summary>One message to one channel: one or more routed notifications, already composed into sections.</summary>
/// <param name="RequestId">Idempotency id: the notification id when it carries one notification, else derived from all of them.</param>
/// <param name="Title">Message title.</param>
/// <param name="Notifications">The routed notifications it carries.</param>
/// <param name="Sections">One section per alert.</param>
/// <param name="CreatedAt">When it was composed (UTC).</param>
public sealed record NotificationMessage(string RequestId, string Title, IReadOnlyList<Alerts.RoutedNotification> Notifications,
    IReadOnlyList<AlertSection> Sections, DateTimeOffset CreatedAt);

/// <summary>Sends messages to one kind of channel.</summary>
public interface INotificationChannelSender
{
    /// <summary>The kind it sends to.</summary>
    NotificationChannelKind Kind { get; }

    /// <summary>The service's limits.</summary>
    ChannelLimits Limits { get; }

    /// <summary>Sends <paramref name="message"/>; failures are returned, not thrown (except cancellation).</summary>
    Task<ChannelSendResult> SendAsync(NotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken);
}
