using StackExchange.Redis;

namespace OpenClaw.Grains.Budget;

public sealed partial class RateBudget
{
    /// <summary>
    /// The app's budget as the cluster sees it now (one Redis round trip): today's quota use, per priority, the pause,
    /// the per-app rate after slowdowns, and the day's forecast (used + recent rate × time left in the quota day).
    /// </summary>
    public async Task<RateBudgetUsage> GetUsageAsync()
    {
        var now = _time.GetUtcNow();
        var day = QuotaDay.Containing(now, _zone);
        var minute = RateBudgetKeys.MinuteOf(day, now);
        var windowMinutes = (long)Math.Max(1, Math.Floor(_options.RecentRateWindow.TotalMinutes));
        var first = Math.Max(0, minute - windowMinutes + 1);
        RedisValue[] fields =
        [
            "used", RateBudgetKeys.PriorityField(0), RateBudgetKeys.PriorityField(1), RateBudgetKeys.PriorityField(2), RateBudgetKeys.PriorityField(3),
            .. Enumerable.Range(0, (int)(minute - first + 1)).Select(i => RateBudgetKeys.MinuteField(first + i)),
        ];

        var batch = _redis.GetDatabase().CreateBatch();
        var dayRead = batch.HashGetAsync(Keys.Day(day.Date), fields);
        var pauseRead = batch.StringGetAsync(Keys.Pause);
        var appRead = batch.HashGetAsync(Keys.App, ["f", "ts"]);
        batch.Execute();
        var values = await dayRead.ConfigureAwait(false);
        var pause = await pauseRead.ConfigureAwait(false);
        var app = await appRead.ConfigureAwait(false);

        var used = Number(values[0]);
        _metrics.UsedToday(used);
        var recentCalls = values.Skip(5).Sum(Number);
        var covered = TimeSpan.FromMinutes(minute - first) + (now - day.Start - TimeSpan.FromMinutes(minute));
        var recentPerSecond = covered > TimeSpan.Zero ? recentCalls / covered.TotalSeconds : 0;
        var forecast = used + (long)Math.Ceiling(recentPerSecond * day.Left(now).TotalSeconds);

        DateTimeOffset? pausedUntil = pause.HasValue && (long)(double)pause is var ms && ms > now.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        var factor = app[0].HasValue
            ? Math.Min(1, (double)app[0] + (_options.RecoveryPerSecond * Math.Max(0, now.ToUnixTimeMilliseconds() - (double)app[1]) / 1000))
            : 1;

        return new RateBudgetUsage(
            _options.AppKey, day.Date, day.End, _options.DailyQuota, used,
            new CallsByPriority(Number(values[1]), Number(values[2]), Number(values[3]), Number(values[4])),
            pausedUntil, _options.PerAppPerSecond, _options.PerAppPerSecond * factor, recentPerSecond,
            forecast, forecast > _options.DailyQuota, now);
    }

    // The last read shared by GetSharedUsageAsync callers (one silo-wide read, not one per shop).
    private SharedUsageRead? _sharedUsage;

    /// <summary>
    /// <see cref="GetUsageAsync"/> as read by any caller on this silo less than <paramref name="maxAge"/> ago (the
    /// budget's clock), else a fresh read that concurrent callers share; a failed read is not reused. For per-shop
    /// timers: the usage is app-wide, and 10,000 shop grains evaluating their alerts every minute would otherwise read
    /// the same keys ~170 times a second.
    /// </summary>
    public Task<RateBudgetUsage> GetSharedUsageAsync(TimeSpan maxAge)
    {
        var now = _time.GetUtcNow();
        var shared = Volatile.Read(ref _sharedUsage);
        if (shared is not null && now >= shared.At && now - shared.At < maxAge && !shared.Usage.IsFaulted && !shared.Usage.IsCanceled)
        {
            return shared.Usage;
        }

        var fresh = new SharedUsageRead(now, GetUsageAsync());
        Volatile.Write(ref _sharedUsage, fresh);
        return fresh.Usage;
    }

    private sealed record SharedUsageRead(DateTimeOffset At, Task<RateBudgetUsage> Usage);

    private static long Number(RedisValue value) => value.HasValue ? (long)(double)value : 0;
}
