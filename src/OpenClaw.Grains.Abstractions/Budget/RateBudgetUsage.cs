namespace OpenClaw.Grains.Budget;

/// <summary>Calls of one quota day per priority.</summary>
/// <param name="TokenRefresh">Token refreshes (auth service; not counted against the quota).</param>
/// <param name="Webhook">Webhook-triggered calls.</param>
/// <param name="Incremental">Incremental sync calls.</param>
/// <param name="Backfill">Backfill calls.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.CallsByPriority")]
public sealed record CallsByPriority(
    [property: Id(0)] long TokenRefresh,
    [property: Id(1)] long Webhook,
    [property: Id(2)] long Incremental,
    [property: Id(3)] long Backfill);

/// <summary>The app's rate budget as the cluster sees it (RateBudget.GetUsageAsync; ARCHITECTURE §5).</summary>
/// <param name="AppKey">The TikTok app key (not a secret).</param>
/// <param name="Day">The quota day (calendar date in the configured quota time zone).</param>
/// <param name="DayEndsAt">When the quota day ends and the count starts again (UTC instant).</param>
/// <param name="DailyQuota">Calls allowed per quota day.</param>
/// <param name="UsedToday">Calls counted against today's quota, cluster-wide (token refreshes excluded).</param>
/// <param name="UsedByPriority">Today's calls per priority.</param>
/// <param name="PausedUntil">While TikTok's quota pause (45101004) lasts: when it ends; otherwise null.</param>
/// <param name="PerAppPerSecond">Configured app-wide limit, requests per second.</param>
/// <param name="EffectivePerAppPerSecond">The app-wide limit now, requests per second (lower after repeated 429s).</param>
/// <param name="RecentPerSecond">Calls per second over the recent window (default the last 15 minutes of the day).</param>
/// <param name="ForecastForDay">Calls expected by the day's end: used + recent rate × time left.</param>
/// <param name="ForecastExceedsQuota">True when <paramref name="ForecastForDay"/> is above <paramref name="DailyQuota"/>.</param>
/// <param name="AsOf">When these numbers were read.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.RateBudgetUsage")]
public sealed record RateBudgetUsage(
    [property: Id(0)] string AppKey,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] DateTimeOffset DayEndsAt,
    [property: Id(3)] long DailyQuota,
    [property: Id(4)] long UsedToday,
    [property: Id(5)] CallsByPriority UsedByPriority,
    [property: Id(6)] DateTimeOffset? PausedUntil,
    [property: Id(7)] double PerAppPerSecond,
    [property: Id(8)] double EffectivePerAppPerSecond,
    [property: Id(9)] double RecentPerSecond,
    [property: Id(10)] long ForecastForDay,
    [property: Id(11)] bool ForecastExceedsQuota,
    [property: Id(12)] DateTimeOffset AsOf);
