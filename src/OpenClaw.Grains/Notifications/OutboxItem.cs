using OpenClaw.Grains.Alerts;

namespace OpenClaw.Grains.Notifications;

/// <summary>One routed notification waiting in the outbox; its id is the notification id.</summary>
/// <param name="Notification">What to deliver (tenant and channel inside).</param>
/// <param name="EnqueuedAt">When it entered the outbox (UTC); dead-lettering waits at least <see cref="NotificationOptions.MinRetryAge"/> after it.</param>
public sealed record OutboxItem(RoutedNotification Notification, DateTimeOffset EnqueuedAt)
{
    /// <summary>The idempotency id.</summary>
    public string Id => Notification.Id;
}

/// <summary>An item leased to one sender.</summary>
/// <param name="Item">The item.</param>
/// <param name="Attempts">Attempts including this one.</param>
/// <param name="LeaseToken">Proves the lease on ack, nack and defer; a stale sender's token no longer matches.</param>
public sealed record ClaimedOutboxItem(OutboxItem Item, int Attempts, string LeaseToken);

/// <summary>An item that ran out of attempts, kept readable in the dead-letter list.</summary>
/// <param name="Item">The item.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="LastError">The last failure (never a URL or secret).</param>
/// <param name="DeadAt">When it was dead-lettered (UTC).</param>
public sealed record DeadLetter(OutboxItem Item, int Attempts, string? LastError, DateTimeOffset DeadAt);

/// <summary>What became of a failed item.</summary>
public enum OutboxNackResult
{
    /// <summary>The lease had been lost (another sender owns the item now); nothing changed.</summary>
    LeaseLost = 0,

    /// <summary>Scheduled for another attempt.</summary>
    Retried = 1,

    /// <summary>Moved to the dead-letter list.</summary>
    DeadLettered = 2,
}
