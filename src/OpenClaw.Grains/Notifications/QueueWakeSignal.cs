using StackExchange.Redis;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// Wakes the pollers of a Redis queue (the notification outbox, the webhook inbox) as soon as an item is queued, in
/// every process: a Redis pub/sub channel (https://redis.io/docs/latest/develop/interact/pubsub/). Pub/sub is
/// fire-and-forget — a message published while a poller is not subscribed, or lost with a connection, is not
/// replayed — so pollers keep their poll interval as the fallback: a missed wake costs at most one interval, never an
/// item. Without it the idle poll interval (200–250 ms) is added to every alert's latency (docs/benchmarks.md, "Alert
/// latency").
/// </summary>
public sealed class QueueWakeSignal
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private TaskCompletionSource _next = NewSource();
    private Task? _subscription;
    private int _rung;

    /// <summary>A signal on the pub/sub channel <paramref name="channel"/> of <paramref name="redis"/>.</summary>
    public QueueWakeSignal(IConnectionMultiplexer redis, string channel)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        ArgumentException.ThrowIfNullOrEmpty(channel);
        _channel = RedisChannel.Literal(channel);
    }

    /// <summary>Tells every poller that an item was queued (one PUBLISH, not awaited by Redis: fire and forget).</summary>
    public Task RingAsync() => _redis.GetSubscriber().PublishAsync(_channel, "1", CommandFlags.FireAndForget);

    /// <summary>
    /// Waits until a ring arrives or <paramref name="poll"/> passes (measured on <paramref name="time"/>), whichever is
    /// first; returns at once when a ring arrived since the last wait (an item queued while the poller was draining).
    /// The first call subscribes; if subscribing fails (Redis unreachable) the wait is the plain poll.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task WaitAsync(TimeSpan poll, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var subscribing = EnsureSubscribedAsync();
        if (!subscribing.IsCompleted)
        {
            // Still subscribing (Redis slow or not reachable yet): the poll bounds this wait as if there were no signal.
            using var stopPoll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var polled = await Task.WhenAny(subscribing, Task.Delay(poll, time, stopPoll.Token)).ConfigureAwait(false);
            await stopPoll.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (polled != subscribing)
            {
                return;
            }
        }

        // Read the pending source before the flag: a ring after the flag check completes the source read here.
        var next = Volatile.Read(ref _next);
        if (Interlocked.Exchange(ref _rung, 0) == 1)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(poll, time, stop.Token);
        var first = await Task.WhenAny(next.Task, delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first == next.Task)
        {
            Interlocked.Exchange(ref _rung, 0);
        }
    }

    /// <summary>
    /// Subscribes now (the first wait would otherwise) and waits for it at most <paramref name="atMost"/> (real time);
    /// never throws on a slow or failed subscription. For a caller that must know rings from now on are heard (a test);
    /// the pollers subscribe in their first wait, after their first claim: subscribing before it, at a process's start,
    /// kept the AppHost's webhook dispatcher or outbox sender from delivering (the end-to-end test's violation alert
    /// never arrived; not explained, so not done).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task ListenAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureSubscribedAsync().WaitAsync(atMost, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still subscribing: the loop starts on its polls.
        }
    }

    // One subscription per signal, shared by concurrent waits; a failed one is forgotten so the next wait tries again.
    private Task EnsureSubscribedAsync()
    {
        if (Volatile.Read(ref _subscription) is { } existing)
        {
            return existing;
        }

        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _subscription, created.Task, null) is { } other)
        {
            return other;
        }

        _ = SubscribeAsync(created);
        return created.Task;
    }

    private async Task SubscribeAsync(TaskCompletionSource done)
    {
        try
        {
            await _redis.GetSubscriber().SubscribeAsync(_channel, (_, _) => Ring()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Polling still works; the next wait tries to subscribe again.
            Volatile.Write(ref _subscription, null);
        }

        done.TrySetResult();
    }

    private void Ring()
    {
        Volatile.Write(ref _rung, 1);
        Interlocked.Exchange(ref _next, NewSource()).TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
