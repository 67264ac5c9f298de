namespace OpenClaw.TikTokShop.Resilience;

/// <summary>
/// The caller's request budget. The client asks it before every HTTP attempt and tells it about rate-limit
/// answers instead of hammering TikTok. OpenClaw's grains supply a cluster-wide implementation;
/// <see cref="TokenBucketRateBudget"/> is the in-process default.
/// </summary>
public interface IRateBudget
{
    /// <summary>Waits until the shop may send one request at <paramref name="priority"/>; returns how long it waited.</summary>
    ValueTask<TimeSpan> AcquireAsync(string shopId, CallPriority priority, CancellationToken cancellationToken);

    /// <summary>TikTok answered with a rate-limit error for the shop (Retry-After when the server sent one).</summary>
    void ReportRateLimited(string shopId, TimeSpan? retryAfter);
}
