using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.RateLimits;

/// <summary>Token buckets per app and per app + shop, refilled in real time (TikTok limits real traffic).</summary>
public sealed class RequestBudget
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<int, TokenBucket> _shops = new();
    private TokenBucket _app;
    private volatile int _perShop;

    /// <summary>Creates the budget from settings.</summary>
    public RequestBudget(IOptions<SimulatorSettings> settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _time = time;
        _perShop = settings.Value.RateLimit.PerShopPerSecond;
        _app = new TokenBucket(settings.Value.RateLimit.PerAppPerSecond, time);
    }

    /// <summary>Changes both limits; buckets start full again.</summary>
    public void Configure(int perShopPerSecond, int perAppPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perShopPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perAppPerSecond, 1);
        _perShop = perShopPerSecond;
        _shops.Clear();
        _app = new TokenBucket(perAppPerSecond, _time);
    }

    /// <summary>Takes one request from the app bucket.</summary>
    public bool TryTakeApp() => _app.TryTake();

    /// <summary>Takes one request from a shop's bucket.</summary>
    public bool TryTakeShop(int shopIndex) => _shops.GetOrAdd(shopIndex, _ => new TokenBucket(_perShop, _time)).TryTake();

    private sealed class TokenBucket(int perSecond, TimeProvider time)
    {
        private readonly Lock _gate = new();
        private double _tokens = perSecond;
        private long _last = time.GetTimestamp();

        public bool TryTake()
        {
            lock (_gate)
            {
                var now = time.GetTimestamp();
                _tokens = Math.Min(perSecond, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * perSecond);
                _last = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }
    }
}
