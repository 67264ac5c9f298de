using Microsoft.Extensions.Logging;
using OpenClaw.TikTokShop.Resilience;
using StackExchange.Redis;

namespace OpenClaw.Grains.Budget;

public sealed partial class RateBudget
{
    /// <inheritdoc />
    public void ReportRateLimited(string shopId, TimeSpan? retryAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        _ = ObserveAsync(ReportRateLimitedAsync(shopId, retryAfter), "rate_limit");
    }

    /// <summary>
    /// Pauses the shop cluster-wide until Retry-After (or <see cref="RateBudgetOptions.RateLimitPause"/>), empties its
    /// bucket and halves its rate; counts the report towards slowing the whole app. Returns when the shop's pause ends.
    /// </summary>
    public async Task<DateTimeOffset> ReportRateLimitedAsync(string shopId, TimeSpan? retryAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        _metrics.Reported("rate_limit");
        var now = _time.GetUtcNow();
        var pause = retryAfter is { } r && r > TimeSpan.Zero ? r : _options.RateLimitPause;
        var reply = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(RateBudgetScripts.ReportRateLimited,
            [Keys.App, Keys.Shop(shopId)],
            [
                now.ToUnixTimeMilliseconds(), (now + pause).ToUnixTimeMilliseconds(),
                _options.PerAppPerSecond, _options.PerAppPerSecond * _options.BurstSeconds,
                _options.PerShopPerSecond, _options.PerShopPerSecond * _options.BurstSeconds,
                _options.RecoveryPerSecond, _idleTtlMs, _options.AppSlowdownAfter,
                (long)_options.AppSlowdownWindow.TotalMilliseconds, MinimumRateFactor,
            ]).ConfigureAwait(false))!;
        return DateTimeOffset.FromUnixTimeMilliseconds((long)reply[0]);
    }

    /// <inheritdoc />
    public void ReportQuotaExhausted(string shopId, TimeSpan? retryAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        _ = ObserveAsync(ReportQuotaExhaustedAsync(shopId, retryAfter), "quota_exhausted");
    }

    /// <summary>
    /// Pauses the whole app cluster-wide until Retry-After (or <see cref="RateBudgetOptions.QuotaPause"/>); this silo
    /// refuses at once, the others at their next call. Never shortens a longer pause. Returns when the pause ends.
    /// </summary>
    public async Task<DateTimeOffset> ReportQuotaExhaustedAsync(string shopId, TimeSpan? retryAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        _metrics.Reported("quota_exhausted");
        var now = _time.GetUtcNow();
        var until = now + (retryAfter is { } r && r > TimeSpan.Zero ? r : _options.QuotaPause);
        RememberAppPause(until);
        var day = QuotaDay.Containing(now, _zone);
        var reply = await _redis.GetDatabase().ScriptEvaluateAsync(RateBudgetScripts.ReportQuotaExhausted,
            [Keys.Pause, Keys.Day(day.Date)],
            [now.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), (long)DayTtl(day, now).TotalMilliseconds]).ConfigureAwait(false);
        var agreed = DateTimeOffset.FromUnixTimeMilliseconds((long)reply);
        RememberAppPause(agreed);
        return agreed;
    }

    private async Task CountTokenRefreshAsync(IDatabase db, QuotaDay day, DateTimeOffset now)
    {
        var key = Keys.Day(day.Date);
        var batch = db.CreateBatch();
        var count = batch.HashIncrementAsync(key, RateBudgetKeys.PriorityField((int)CallPriority.TokenRefresh));
        var expire = batch.KeyExpireAsync(key, DayTtl(day, now));
        batch.Execute();
        await ObserveAsync(Task.WhenAll(count, expire), "token_refresh_count").ConfigureAwait(false);
    }

    // The interface's report members return nothing: the write runs in the background and a failure is logged.
    private async Task ObserveAsync(Task task, string kind)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ReportFailed(_logger, kind, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Rate budget could not record a {Kind} report in Redis")]
        public static partial void ReportFailed(ILogger logger, string kind, Exception exception);
    }
}
