using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Webhooks;

/// <summary>
/// The bounded queue between event detection and delivery. Enqueueing never blocks an API request: when the queue is
/// full the event is dropped and counted (TikTok drops too, after its retries).
/// </summary>
public sealed class WebhookOutbox
{
    private const int LogSize = 500;

    private readonly Channel<WebhookNotification> _queue;
    private readonly ConcurrentQueue<DeliveryAttempt> _log = new();
    private long _dropped;

    /// <summary>Creates the outbox with the configured capacity.</summary>
    public WebhookOutbox(IOptions<SimulatorSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _queue = Channel.CreateBounded<WebhookNotification>(new BoundedChannelOptions(settings.Value.Webhooks.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The consumer side.</summary>
    public ChannelReader<WebhookNotification> Reader => _queue.Reader;

    /// <summary>Queues a notification; false (and counted) when the queue is full.</summary>
    public bool TryEnqueue(WebhookNotification notification)
    {
        if (_queue.Writer.TryWrite(notification))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Records an attempt for <c>GET /_sim/webhooks/deliveries</c>.</summary>
    public void Record(DeliveryAttempt attempt)
    {
        _log.Enqueue(attempt);
        while (_log.Count > LogSize && _log.TryDequeue(out _))
        {
        }
    }

    /// <summary>Recent attempts, oldest first.</summary>
    public IReadOnlyList<DeliveryAttempt> Recent => _log.ToArray();
}

/// <summary>One delivery attempt and its outcome (delivered, retrying, dropped).</summary>
public sealed record DeliveryAttempt(string NotificationId, string ShopId, int Type, string Address, int Attempt, int? StatusCode, string? Error,
    string Outcome, DateTimeOffset At);
