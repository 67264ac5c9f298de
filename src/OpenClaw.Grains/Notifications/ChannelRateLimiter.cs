using StackExchange.Redis;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// Cluster-wide message budget per robot (sliding windows in a Redis sorted set, one per <see cref="NotificationChannel.RateKey"/>,
/// expiring with its longest window): every silo asks before sending, so WeCom's and DingTalk's 20 per minute, Feishu's
/// 5 per second and 100 per minute, and Slack's 1 per second hold for the whole cluster.
/// </summary>
public sealed class ChannelRateLimiter(IConnectionMultiplexer redis, NotificationOptions options, TimeProvider time)
{
    /// <summary>Takes one message slot: null when taken, else how long until one frees.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(string rateKey, IReadOnlyList<ChannelRate> rates)
    {
        ArgumentException.ThrowIfNullOrEmpty(rateKey);
        ArgumentNullException.ThrowIfNull(rates);
        if (rates.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var args = new List<RedisValue> { now, (long)rates.Max(r => r.Window).TotalMilliseconds, Guid.NewGuid().ToString("N") };
        foreach (var rate in rates)
        {
            args.Add((long)rate.Window.TotalMilliseconds);
            args.Add(rate.Messages);
        }

        var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(OutboxScripts.RateAcquire,
            [(RedisKey)(options.KeyPrefix + "{rate:" + rateKey + "}")], [.. args]).ConfigureAwait(false);
        return wait <= 0 ? null : TimeSpan.FromMilliseconds(wait);
    }
}
