namespace OpenClaw.Grains.Budget;

/// <summary>
/// Settings of the cluster-wide <see cref="RateBudget"/>, bound from the <c>RateBudget</c> configuration section and
/// validated at start (<see cref="RateBudgetOptionsValidator"/>; failures name the key, e.g. <c>RateBudget:DailyQuota</c>).
/// Rates are requests per second; reserves are fractions 0 … 1.
/// </summary>
public sealed class RateBudgetOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "RateBudget";

    /// <summary>
    /// TikTok's documented limit: 50 requests per second per API, per app + shop (contract §4). The per-shop rate may
    /// not exceed it.
    /// </summary>
    public const double TikTokPerShopPerSecondLimit = 50;

    /// <summary>
    /// The TikTok app key whose budget this is (required). Not a secret (it travels in every query string); it names
    /// the Redis keys, so it may not contain <c>{</c>, <c>}</c> or whitespace; at most 64 characters.
    /// </summary>
    public string AppKey { get; set; } = "";

    /// <summary>
    /// Requests per second the whole cluster may send for the app, all shops together. Default 100/s. TikTok publishes
    /// no app-wide rate; this is OpenClaw's own ceiling so N silos together stay polite.
    /// </summary>
    public double PerAppPerSecond { get; set; } = 100;

    /// <summary>
    /// Requests per second per shop (app + shop pair), cluster-wide. Default 40/s: below TikTok's 50/s per API per
    /// app + shop (contract §4), because several APIs of one shop share it here.
    /// </summary>
    public double PerShopPerSecond { get; set; } = 40;

    /// <summary>
    /// Bucket size in seconds of rate: each bucket holds <c>rate × BurstSeconds</c> requests. Default 1 s. Every bucket
    /// must hold enough for the priority with the largest reserve to be granted at all.
    /// </summary>
    public double BurstSeconds { get; set; } = 1;

    /// <summary>
    /// Calls per quota day for the app. Default 50,000 (customer documentation: 50,000/day basic, 200,000/day
    /// enterprise; over it TikTok answers 429 with 45101004 and pauses the app for 2 hours). Token refreshes go to the
    /// auth service and do not count.
    /// </summary>
    public long DailyQuota { get; set; } = 50_000;

    /// <summary>
    /// Time zone whose midnight starts a quota day (IANA id such as <c>Asia/Shanghai</c>, or <c>UTC</c>). Default UTC;
    /// TikTok does not document the zone of its quota day (unconfirmed), so it is configuration.
    /// </summary>
    public string QuotaDayTimeZone { get; set; } = "UTC";

    /// <summary>
    /// How long the whole app is paused after TikTok reports the quota used up without a Retry-After. Default 2 h
    /// (customer documentation: TikTok pauses the app for 2 hours).
    /// </summary>
    public TimeSpan QuotaPause { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Pause of a shop after a rate-limit answer without Retry-After. Default 1 s.</summary>
    public TimeSpan RateLimitPause { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Pauses (Retry-After, quota) up to this long are waited out inside <c>AcquireAsync</c>; longer ones throw
    /// <c>RateBudgetPausedException</c> so a sync loop does not hold a grain turn. Default 10 s.
    /// </summary>
    public TimeSpan MaxPauseWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest an incremental or backfill call waits inside <c>AcquireAsync</c> (for tokens, for its turn among other
    /// shops' calls, or for a short pause) before it is refused with <c>RateBudgetPausedException</c> (reason
    /// <c>Contended</c>, or the pause's own reason) and the time to try again. A sync turn then gives its grain back to
    /// other callers (settings, webhooks, "sync now") instead of holding it while the budget is contended. Webhook calls
    /// keep waiting up to <see cref="MaxPauseWait"/> for pauses and as long as it takes for tokens. Default 1 s.
    /// </summary>
    public TimeSpan SyncMaxWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a rate-limit answer the shop's rate halves (and the app's, see <see cref="AppSlowdownAfter"/>), then
    /// recovers by this fraction of the full rate per second. Default 0.1/s (full rate again within 10 s).
    /// </summary>
    public double RecoveryPerSecond { get; set; } = 0.1;

    /// <summary>This many rate-limit answers for the app within <see cref="AppSlowdownWindow"/> halve the app's rate. Default 3.</summary>
    public int AppSlowdownAfter { get; set; } = 3;

    /// <summary>Window in which <see cref="AppSlowdownAfter"/> rate-limit answers count as repeated. Default 10 s.</summary>
    public TimeSpan AppSlowdownWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of each second's bucket that webhook-triggered calls leave for token refresh. Default 0.10.</summary>
    public double WebhookRateReserve { get; set; } = 0.10;

    /// <summary>Share of each second's bucket that incremental sync leaves for webhook calls and refreshes. Default 0.25.</summary>
    public double IncrementalRateReserve { get; set; } = 0.25;

    /// <summary>Share of each second's bucket that backfill leaves for everything else. Default 0.50.</summary>
    public double BackfillRateReserve { get; set; } = 0.50;

    /// <summary>Share of the daily quota webhook-triggered calls leave unused. Default 0 (they may use the whole quota).</summary>
    public double WebhookQuotaReserve { get; set; }

    /// <summary>Share of the daily quota incremental sync leaves for webhook-triggered calls. Default 0.05.</summary>
    public double IncrementalQuotaReserve { get; set; } = 0.05;

    /// <summary>
    /// Share of the daily quota backfill never uses. Default 0.30. Backfill is also paced: at a fraction <c>f</c> of
    /// the quota day it may only run while the day's use is below <c>f × DailyQuota × (1 − BackfillQuotaReserve)</c>.
    /// </summary>
    public double BackfillQuotaReserve { get; set; } = 0.30;

    /// <summary>
    /// Share of backfill's part of the quota (<c>DailyQuota × (1 − BackfillQuotaReserve)</c>) it may use at once when the
    /// quota day begins; the rest is paced linearly through the day: at a fraction <c>f</c> of the day backfill runs
    /// while the day's use is below <c>cap × (h + (1 − h) × f)</c>. Default 0.25. Without it (0) a shop connected just
    /// after the quota day began got almost no history for hours (the AppHost demo, started at 04:00 UTC, could not
    /// backfill 12 shops on 50,000 calls a day). 1 turns pacing off (the reserve still holds). 0 … 1.
    /// </summary>
    public double BackfillPaceHeadStart { get; set; } = 0.25;

    /// <summary>Window of the recent call rate used for the day's forecast. Default 15 min (whole minutes, 1 … 120).</summary>
    public TimeSpan RecentRateWindow { get; set; } = TimeSpan.FromMinutes(15);
}
