namespace OpenClaw.TikTokShop.Resilience;

/// <summary>Why an <see cref="IRateBudget"/> refuses calls for a while.</summary>
public enum RateBudgetPauseReason
{
    /// <summary>TikTok rate-limited the shop (36009002/36009037/HTTP 429) with a Retry-After longer than the budget waits.</summary>
    ShopRateLimited = 0,

    /// <summary>TikTok said the app's daily quota is used up (45101004): every shop of the app is paused.</summary>
    QuotaExhausted = 1,

    /// <summary>
    /// Today's quota is used up for this priority (by OpenClaw's own count; for lower priorities the rest is reserved
    /// for higher ones): calls at this priority resume when the next quota day starts.
    /// </summary>
    DailyQuotaUsed = 2,

    /// <summary>Backfill is ahead of the linear pace through the quota day that keeps the reserve for incremental sync.</summary>
    BackfillAheadOfPace = 3,

    /// <summary>
    /// The budget is contended: the call would wait longer than its priority is willing to (for tokens or for its turn
    /// among other shops' calls). Nothing is paused; try again at the time given, when a permit is likely.
    /// </summary>
    Contended = 4,
}

/// <summary>
/// The rate budget will not grant a call before <see cref="RetryAt"/>. Thrown by <see cref="IRateBudget.AcquireAsync"/>
/// instead of waiting for a long time; the TikTok client lets it through. Catch it to end a sync run and schedule the
/// next one at <see cref="RetryAt"/>. The message names the reason and the time, never a token.
/// </summary>
public sealed class RateBudgetPausedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why calls are refused.</param>
    /// <param name="retryAt">Earliest time (UTC) a call at this priority may be granted.</param>
    /// <param name="shopId">The shop that asked.</param>
    /// <param name="priority">The priority that was refused.</param>
    public RateBudgetPausedException(RateBudgetPauseReason reason, DateTimeOffset retryAt, string shopId, CallPriority priority)
        : base($"Rate budget refuses {priority} calls for shop {shopId}: {reason} until {retryAt:O}")
    {
        Reason = reason;
        RetryAt = retryAt;
        ShopId = shopId;
        Priority = priority;
    }

    /// <summary>Why calls are refused.</summary>
    public RateBudgetPauseReason Reason { get; }

    /// <summary>Earliest time (UTC) a call at <see cref="Priority"/> may be granted.</summary>
    public DateTimeOffset RetryAt { get; }

    /// <summary>The shop that asked.</summary>
    public string ShopId { get; }

    /// <summary>The priority that was refused.</summary>
    public CallPriority Priority { get; }
}
