using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Notifications;
using StackExchange.Redis;

namespace OpenClaw.Api.Webhooks;

/// <summary>A webhook waiting in the inbox.</summary>
/// <param name="Webhook">The event.</param>
/// <param name="ReceivedAt">When the ingress accepted it.</param>
public sealed record InboxEvent(TikTokWebhook Webhook, DateTimeOffset ReceivedAt);

/// <summary>An event leased to this replica.</summary>
/// <param name="Event">The event.</param>
/// <param name="Attempts">Hand-offs tried, this one included.</param>
/// <param name="LeaseToken">Proves the lease when acknowledging.</param>
public sealed record ClaimedWebhook(InboxEvent Event, int Attempts, string LeaseToken);

/// <summary>
/// The durable webhook inbox in Redis, under hash tag <c>oc:{webhooks}</c>. Accepting is one Lua script: <c>SET NX</c>
/// of <c>seen:{tts_notification_id}</c> with a TTL of <see cref="WebhookOptions.DedupeWindow"/> and, only when that set
/// it, the event into the queue — so a duplicate is never queued and an accepted event is never lost between the two.
/// Dispatchers lease events with the notification outbox's scripts (<see cref="OutboxScripts"/>): an event whose holder
/// crashed is claimed again after <see cref="WebhookOptions.LeaseDuration"/>; failures back off; an event is
/// dead-lettered only after <see cref="WebhookOptions.MaxAttempts"/> and <see cref="WebhookOptions.MinRetryAge"/>.
/// The cluster is the inbox's one destination, so its <c>retrying</c> set plays the outbox's per-channel part: the
/// first hand-off that succeeds makes every event backing off after a failed hand-off due at once.
/// The queue is a sorted set by due time, claimed lowest first; an urgent event (<see cref="TikTokWebhook.IsUrgent"/>)
/// is queued <see cref="UrgentLead"/> early, so a product frozen for a policy violation is handed off ahead of a
/// backlog of order updates (measured under 10,000 syncing shops, docs/benchmarks.md "Alert latency").
/// </summary>
public sealed class WebhookInbox
{
    /// <summary>How far ahead of its arrival an urgent event is queued: longer than any backlog the inbox should hold.</summary>
    public static readonly TimeSpan UrgentLead = TimeSpan.FromHours(1);

    /// <summary>Key prefix of everything the inbox stores.</summary>
    public const string Prefix = "oc:{webhooks}:";

    // KEYS seen, items, due. ARGV id, json, dueMs, dedupeMs.
    private const string AcceptScript = """
        if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[4]) then return 0 end
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
        return 1
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDatabase _db;
    private readonly IOptions<WebhookOptions> _options;
    private readonly TimeProvider _time;
    private readonly RedisKey _items = Prefix + "items", _due = Prefix + "due", _leased = Prefix + "leased", _attempts = Prefix + "attempts",
        _tokens = Prefix + "tokens", _done = Prefix + "done", _dead = Prefix + "dead", _retrying = Prefix + "retrying";

    /// <summary>Creates the inbox.</summary>
    public WebhookInbox(IConnectionMultiplexer redis, IOptions<WebhookOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _db = redis.GetDatabase();
        _options = options;
        _time = time;
        Arrivals = new QueueWakeSignal(redis, Prefix + "wake");
    }

    /// <summary>Rung on every accepted event, so the dispatchers of every replica claim at once instead of at their next poll.</summary>
    public QueueWakeSignal Arrivals { get; }

    /// <summary>Redis key remembering a notification id.</summary>
    public static string SeenKey(string notificationId) => Prefix + "seen:" + notificationId;

    /// <summary>Queues a first-seen event; false when its <c>tts_notification_id</c> was seen within the dedupe window.</summary>
    public async Task<bool> AcceptAsync(TikTokWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var now = _time.GetUtcNow();
        var json = JsonSerializer.Serialize(new InboxEvent(webhook, now), Json);
        var due = webhook.IsUrgent ? now - UrgentLead : now;
        var result = await _db.ScriptEvaluateAsync(AcceptScript, [SeenKey(webhook.NotificationId), _items, _due],
            [webhook.NotificationId, json, due.ToUnixTimeMilliseconds(), (long)_options.Value.DedupeWindow.TotalMilliseconds]).ConfigureAwait(false);
        if ((long)result != 1)
        {
            return false;
        }

        await Arrivals.RingAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Leases up to <paramref name="max"/> due events.</summary>
    public async Task<IReadOnlyList<ClaimedWebhook>> ClaimAsync(int max)
    {
        var now = _time.GetUtcNow();
        var result = (RedisResult[])(await _db.ScriptEvaluateAsync(OutboxScripts.Claim, [_items, _due, _leased, _attempts, _tokens],
            [now.ToUnixTimeMilliseconds(), (now + _options.Value.LeaseDuration).ToUnixTimeMilliseconds(), max, Guid.NewGuid().ToString("N")]).ConfigureAwait(false))!;
        return [.. OutboxScripts.ClaimedItems(result).Select(c => new ClaimedWebhook(JsonSerializer.Deserialize<InboxEvent>(c.Json, Json)!, c.Attempts, c.Token))];
    }

    /// <summary>The grain has the event: it leaves the inbox. False when the lease was lost to another replica.</summary>
    public async Task<bool> AckAsync(ClaimedWebhook claimed)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var now = _time.GetUtcNow();
        var window = _options.Value.DedupeWindow;
        var result = await _db.ScriptEvaluateAsync(OutboxScripts.Ack, [_items, _due, _leased, _attempts, _tokens, _done, _retrying],
            [claimed.Event.Webhook.NotificationId, claimed.LeaseToken, now.ToUnixTimeMilliseconds(), (now - window).ToUnixTimeMilliseconds(), (long)window.TotalMilliseconds])
            .ConfigureAwait(false);
        return (long)result >= 1; // 1 + the backed-off events it made due
    }

    /// <summary>The hand-off failed: retried after a backoff, or dead-lettered once attempts and age are used up.</summary>
    public async Task<OutboxNackResult> NackAsync(ClaimedWebhook claimed, string error)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var o = _options.Value;
        var now = _time.GetUtcNow();
        var id = claimed.Event.Webhook.NotificationId;
        var dead = claimed.Attempts >= o.MaxAttempts && now - claimed.Event.ReceivedAt >= o.MinRetryAge;
        var deadJson = dead ? JsonSerializer.Serialize(new { claimed.Event, claimed.Attempts, error, at = now }, Json) : "";
        var delay = OutboxBackoff.Delay(claimed.Attempts, o.BackoffBase, o.BackoffMax, id);
        var result = await _db.ScriptEvaluateAsync(OutboxScripts.Release, [_items, _due, _leased, _attempts, _tokens, _dead, _retrying],
            [id, claimed.LeaseToken, (now + delay).ToUnixTimeMilliseconds(), deadJson, o.DeadLetterMax, "0"]).ConfigureAwait(false);
        return (OutboxNackResult)(int)(long)result;
    }

    /// <summary>Events waiting or being handed off.</summary>
    public async Task<long> DepthAsync() =>
        await _db.SortedSetLengthAsync(_due).ConfigureAwait(false) + await _db.SortedSetLengthAsync(_leased).ConfigureAwait(false);
}
