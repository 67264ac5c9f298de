using System.Collections.Concurrent;

namespace OpenClaw.TikTokShop.Resilience;

/// <summary>
/// In-process token bucket per shop. Lower priorities keep a reserve free for higher ones (backfill only spends
/// the top half of the bucket, incremental the top three quarters); a rate-limit report empties the bucket, pauses
/// the shop (Retry-After or a default penalty) and halves its rate, which then ramps up again. A quota-exhausted report
/// pauses every shop of this process (Retry-After or <see cref="TokenBucketRateBudgetOptions.QuotaPause"/>): until then
/// <see cref="AcquireAsync"/> throws <see cref="RateBudgetPausedException"/> for every priority but
/// <see cref="CallPriority.TokenRefresh"/>. Knows no daily quota of its own and nothing of other processes.
/// </summary>
public sealed class TokenBucketRateBudget : IRateBudget
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TokenBucketRateBudgetOptions _options;
    private readonly TimeProvider _time;
    private long _quotaPausedUntil;

    /// <summary>Creates the budget.</summary>
    public TokenBucketRateBudget(TokenBucketRateBudgetOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new TokenBucketRateBudgetOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.PerShopPerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.QuotaPause, TimeSpan.Zero);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<TimeSpan> AcquireAsync(string shopId, CallPriority priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shopId);
        if (priority != CallPriority.TokenRefresh && QuotaPauseLeft() is { } left)
        {
            throw new RateBudgetPausedException(RateBudgetPauseReason.QuotaExhausted, _time.GetUtcNow() + left, shopId, priority);
        }

        var bucket = _buckets.GetOrAdd(shopId, _ => new Bucket(_options.Burst, _time.GetTimestamp()));
        var reserve = _options.Burst * ReserveFraction(priority);
        var waited = TimeSpan.Zero;
        while (true)
        {
            var wait = bucket.TryTake(_time.GetTimestamp(), _time, _options, reserve, ignorePause: priority == CallPriority.TokenRefresh);
            if (wait <= TimeSpan.Zero)
            {
                return waited;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            waited += wait;
        }
    }

    /// <inheritdoc />
    public void ReportRateLimited(string shopId, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(shopId);
        var bucket = _buckets.GetOrAdd(shopId, _ => new Bucket(_options.Burst, _time.GetTimestamp()));
        bucket.Penalise(_time.GetTimestamp(), _time, retryAfter ?? _options.DefaultPenalty);
    }

    /// <inheritdoc />
    public void ReportQuotaExhausted(string shopId, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(shopId);
        var pause = retryAfter is { } r && r > TimeSpan.Zero ? r : _options.QuotaPause;
        var until = _time.GetTimestamp() + (long)(pause.TotalSeconds * _time.TimestampFrequency);
        long seen;
        do
        {
            seen = Volatile.Read(ref _quotaPausedUntil);
        }
        while (until > seen && Interlocked.CompareExchange(ref _quotaPausedUntil, until, seen) != seen);
    }

    private TimeSpan? QuotaPauseLeft()
    {
        var until = Volatile.Read(ref _quotaPausedUntil);
        var now = _time.GetTimestamp();
        return until != 0 && now < until ? _time.GetElapsedTime(now, until) : null;
    }

    private static double ReserveFraction(CallPriority priority) => priority switch
    {
        CallPriority.TokenRefresh => 0,
        CallPriority.Webhook => 0.1,
        CallPriority.Incremental => 0.25,
        _ => 0.5,
    };

    private sealed class Bucket(double tokens, long lastRefill)
    {
        private readonly Lock _gate = new();
        private double _tokens = tokens;
        private long _lastRefill = lastRefill;
        private long _pausedUntil;
        private double _rateFactor = 1;

        public TimeSpan TryTake(long now, TimeProvider time, TokenBucketRateBudgetOptions options, double reserve, bool ignorePause)
        {
            lock (_gate)
            {
                if (!ignorePause && now < _pausedUntil)
                {
                    return time.GetElapsedTime(now, _pausedUntil);
                }

                var elapsed = time.GetElapsedTime(_lastRefill, now).TotalSeconds;
                _lastRefill = now;
                _rateFactor = Math.Min(1, _rateFactor + (options.RecoveryPerSecond * elapsed));
                var rate = options.PerShopPerSecond * _rateFactor;
                _tokens = Math.Min(options.Burst, _tokens + (elapsed * rate));

                var needed = reserve + 1;
                if (_tokens >= needed || (reserve == 0 && _tokens >= 1))
                {
                    _tokens -= 1;
                    return TimeSpan.Zero;
                }

                // Wait until enough tokens have accrued; at least a millisecond so the caller does not spin.
                var seconds = Math.Max((needed - _tokens) / rate, 0.001);
                return TimeSpan.FromSeconds(seconds);
            }
        }

        public void Penalise(long now, TimeProvider time, TimeSpan pause)
        {
            lock (_gate)
            {
                _tokens = 0;
                _lastRefill = now;
                _rateFactor = Math.Max(0.1, _rateFactor / 2);
                var until = now + (long)(pause.TotalSeconds * time.TimestampFrequency);
                _pausedUntil = Math.Max(_pausedUntil, until);
            }
        }
    }
}
