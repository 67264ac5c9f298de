using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenClaw.Grains.Alerts;
using StackExchange.Redis;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// The durable notification outbox in Redis (issue 11 "Outbox"): every routed notification is written here before any
/// send. Enqueue is idempotent on the notification id (an id already queued or delivered within
/// <see cref="NotificationOptions.DeliveredRetention"/> is refused). Senders claim due items under a lease; an item
/// whose lease runs out (its sender crashed) is claimed again by another silo, so delivery is at-least-once and the id
/// lets receivers drop the rare duplicate. Failures back off exponentially with jitter; after
/// <see cref="NotificationOptions.MaxAttempts"/> and <see cref="NotificationOptions.MinRetryAge"/> an item moves to a
/// readable dead-letter list. Every change is one Lua script (atomic); times come from <see cref="TimeProvider"/>.
/// </summary>
public sealed class NotificationOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly IDatabase _db;
    private readonly NotificationOptions _options;
    private readonly TimeProvider _time;
    private readonly RedisKey _items, _due, _leased, _attempts, _tokens, _done, _dead;
    private readonly string _prefix;

    /// <summary>Creates the outbox on <paramref name="redis"/> under <see cref="NotificationOptions.KeyPrefix"/>.</summary>
    public NotificationOutbox(IConnectionMultiplexer redis, NotificationOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _db = redis.GetDatabase();
        var p = _prefix = options.KeyPrefix + "{outbox}:";
        (_items, _due, _leased, _attempts, _tokens, _done, _dead) =
            (p + "items", p + "due", p + "leased", p + "attempts", p + "tokens", p + "done", p + "dead");
        Wake = new QueueWakeSignal(redis, p + "wake");
    }

    /// <summary>Rung on every enqueue, so the senders of every silo claim at once instead of at their next poll.</summary>
    public QueueWakeSignal Wake { get; }

    /// <summary>Queues <paramref name="notification"/> for delivery now. False when its id is already queued or was delivered.</summary>
    public async Task<bool> EnqueueAsync(RoutedNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var now = _time.GetUtcNow();
        var json = JsonSerializer.Serialize(new OutboxItem(notification, now), Json);
        var result = await _db.ScriptEvaluateAsync(OutboxScripts.Enqueue, [_items, _due, _done],
            [notification.Id, json, now.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        if ((long)result != 1)
        {
            return false;
        }

        await Wake.RingAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Leases up to <paramref name="max"/> due items (expired leases first go back to due).</summary>
    public async Task<IReadOnlyList<ClaimedOutboxItem>> ClaimAsync(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var now = _time.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        var result = (RedisResult[])(await _db.ScriptEvaluateAsync(OutboxScripts.Claim, [_items, _due, _leased, _attempts, _tokens],
            [now.ToUnixTimeMilliseconds(), (now + _options.LeaseDuration).ToUnixTimeMilliseconds(), max, token]).ConfigureAwait(false))!;
        return [.. OutboxScripts.ClaimedItems(result).Select(c => new ClaimedOutboxItem(JsonSerializer.Deserialize<OutboxItem>(c.Json, Json)!, c.Attempts, c.Token))];
    }

    /// <summary>
    /// Records delivery: the item leaves the outbox and its id is remembered. The channel answered, so its other items
    /// backing off after failed sends are due at once (a chat service back from an outage gets its backlog within
    /// seconds, not after each item's backoff of up to <see cref="NotificationOptions.BackoffMax"/>). False when the
    /// lease was lost to another sender.
    /// </summary>
    public async Task<bool> AckAsync(ClaimedOutboxItem claimed)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var now = _time.GetUtcNow();
        var result = (long)await _db.ScriptEvaluateAsync(OutboxScripts.Ack, [_items, _due, _leased, _attempts, _tokens, _done, Retrying(claimed)],
        [
            claimed.Item.Id, claimed.LeaseToken, now.ToUnixTimeMilliseconds(), (now - _options.DeliveredRetention).ToUnixTimeMilliseconds(),
            (long)_options.DeliveredRetention.TotalMilliseconds,
        ]).ConfigureAwait(false);
        if (result > 1)
        {
            await Wake.RingAsync().ConfigureAwait(false);
        }

        return result >= 1;
    }

    /// <summary>
    /// Records a failed attempt: retried after an exponential backoff with ±20 % jitter (or <paramref name="retryAfter"/>
    /// when longer), or dead-lettered once attempts and age are both used up.
    /// </summary>
    public async Task<OutboxNackResult> NackAsync(ClaimedOutboxItem claimed, string? error, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var now = _time.GetUtcNow();
        var dead = claimed.Attempts >= _options.MaxAttempts && now - claimed.Item.EnqueuedAt >= _options.MinRetryAge;
        var deadJson = dead ? JsonSerializer.Serialize(new DeadLetter(claimed.Item, claimed.Attempts, error, now), Json) : "";
        var delay = OutboxBackoff.Delay(claimed.Attempts, _options.BackoffBase, _options.BackoffMax, claimed.Item.Id);
        if (retryAfter > delay)
        {
            delay = retryAfter.Value;
        }

        var result = await _db.ScriptEvaluateAsync(OutboxScripts.Release, [_items, _due, _leased, _attempts, _tokens, _dead, Retrying(claimed)],
            [claimed.Item.Id, claimed.LeaseToken, (now + delay).ToUnixTimeMilliseconds(), deadJson, _options.DeadLetterMax, "0"]).ConfigureAwait(false);
        return (OutboxNackResult)(int)(long)result;
    }

    /// <summary>Puts an item back until <paramref name="until"/> without counting the attempt (the channel's rate budget is spent).</summary>
    public async Task<bool> DeferAsync(ClaimedOutboxItem claimed, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var result = await _db.ScriptEvaluateAsync(OutboxScripts.Release, [_items, _due, _leased, _attempts, _tokens, _dead, Retrying(claimed)],
            [claimed.Item.Id, claimed.LeaseToken, until.ToUnixTimeMilliseconds(), "", _options.DeadLetterMax, "1"]).ConfigureAwait(false);
        return (long)result == 1;
    }

    // The ids of one channel's items backing off after a failed send (same hash tag as the outbox's other keys).
    private RedisKey Retrying(ClaimedOutboxItem claimed) =>
        _prefix + "retrying:" + claimed.Item.Notification.TenantId + "|" + claimed.Item.Notification.ChannelId;

    /// <summary>Items waiting or being sent.</summary>
    public async Task<long> DepthAsync()
    {
        var due = _db.SortedSetLengthAsync(_due);
        var leased = _db.SortedSetLengthAsync(_leased);
        return await due.ConfigureAwait(false) + await leased.ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="id"/> was delivered within the retention.</summary>
    public async Task<bool> WasDeliveredAsync(string id) => await _db.SortedSetScoreAsync(_done, id).ConfigureAwait(false) is not null;

    /// <summary>The newest dead letters, newest first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int count = 100)
    {
        var values = await _db.ListRangeAsync(_dead, 0, count - 1).ConfigureAwait(false);
        return [.. values.Select(v => JsonSerializer.Deserialize<DeadLetter>((string)v!, Json)!)];
    }
}

/// <summary>Exponential backoff with deterministic ±20 % jitter per item and attempt (no shared random state).</summary>
public static class OutboxBackoff
{
    /// <summary>Delay after failed attempt number <paramref name="attempt"/> (1-based): base·2^(attempt−1), capped, jittered.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, string itemId)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var raw = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        var hash = AlertFingerprint.IdOf("jitter", itemId, attempt.ToString(CultureInfo.InvariantCulture));
        var unit = Convert.ToUInt32(hash[..8], 16) / (double)uint.MaxValue; // 0…1
        return TimeSpan.FromMilliseconds(raw * (0.8 + (0.4 * unit)));
    }
}
