namespace OpenClaw.TikTokShop.Resilience;

/// <summary>
/// The caller's request budget. The client asks it before every HTTP attempt and tells it about rate-limit and quota
/// answers instead of hammering TikTok. OpenClaw's grains supply a cluster-wide implementation
/// (<c>OpenClaw.Grains.Budget.RateBudget</c>); <see cref="TokenBucketRateBudget"/> is the in-process default.
/// </summary>
/// <remarks>
/// Short waits (tokens refilling, a Retry-After of a few seconds) happen inside <see cref="AcquireAsync"/>. Long
/// pauses (the daily quota used up or reserved for higher priorities, a long Retry-After) are not waited out: the
/// budget throws <see cref="RateBudgetPausedException"/>, which the client lets through to its caller, so a sync loop
/// stops, releases its grain turn and comes back at <see cref="RateBudgetPausedException.RetryAt"/>.
/// <see cref="CallPriority.TokenRefresh"/> calls go to the auth service, which has no daily quota: they are never
/// refused for the quota.
/// </remarks>
public interface IRateBudget
{
    /// <summary>Waits until the shop may send one request at <paramref name="priority"/>; returns how long it waited.</summary>
    /// <exception cref="RateBudgetPausedException">The budget is paused for longer than it is willing to wait.</exception>
    ValueTask<TimeSpan> AcquireAsync(string shopId, CallPriority priority, CancellationToken cancellationToken);

    /// <summary>TikTok answered with a rate-limit error for the shop (Retry-After when the server sent one).</summary>
    void ReportRateLimited(string shopId, TimeSpan? retryAfter);

    /// <summary>
    /// TikTok answered that the app's daily call quota is used up (code 45101004, contract §4; Retry-After when the
    /// server sent one). Customer documentation: over the quota TikTok answers 429 and pauses the app for 2 hours, so
    /// an implementation pauses every shop of the app. The default implementation, for budgets that know no quota,
    /// pauses only the shop as for a rate limit.
    /// </summary>
    void ReportQuotaExhausted(string shopId, TimeSpan? retryAfter) => ReportRateLimited(shopId, retryAfter);
}
