using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// The per-silo background sender: drains the outbox in a loop; when nothing is due it waits for the outbox's
/// <see cref="NotificationOutbox.Wake"/> (an enqueue on any silo) or <see cref="NotificationOptions.PollInterval"/>
/// (retries coming due, a missed wake), whichever is first. Every silo runs one; leases keep them from sending the same item at once, and a stopped silo's
/// leased items are retried by the others once their leases expire.
/// </summary>
public sealed partial class NotificationOutboxService(NotificationDispatcher dispatcher, NotificationOutbox outbox, NotificationOptions options, TimeProvider time,
    ILogger<NotificationOutboxService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await dispatcher.DrainOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                // RedisTimeoutException is a TimeoutException, not a RedisException: uncaught, it ended this loop and
                // with it the silo (a BackgroundService failure stops the host), as a store restart showed.
                LogRedisUnavailable(ex.GetType().Name);
            }

            if (claimed < options.ClaimBatchSize)
            {
                try
                {
                    await outbox.Wake.WaitAsync(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification outbox unavailable ({Error}); retrying")]
    private partial void LogRedisUnavailable(string error);
}
