using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Budget;

/// <summary>
/// The answer of one check-and-take (<see cref="RateBudget.TryAcquireAsync"/>): granted, wait <see cref="Wait"/> for
/// tokens, or paused until <see cref="RetryAt"/> for <see cref="PauseReason"/>.
/// </summary>
/// <param name="Granted">True when the call may go now (and was counted).</param>
/// <param name="Wait">Not granted for lack of tokens: time until the buckets should hold enough (ms resolution).</param>
/// <param name="PauseReason">Not granted because of a pause or quota rule, or null.</param>
/// <param name="RetryAt">With <paramref name="PauseReason"/>: earliest time (UTC) a call at this priority may pass.</param>
/// <param name="ShopSpecific">
/// Not granted only because of this shop (its bucket or its Retry-After pause): other shops may be granted meanwhile.
/// False when the refusal holds for every shop at this priority (app bucket, quota, pace, app pause).
/// </param>
public readonly record struct RateBudgetDecision(bool Granted, TimeSpan Wait, RateBudgetPauseReason? PauseReason, DateTimeOffset? RetryAt, bool ShopSpecific)
{
    /// <summary>The call may go now.</summary>
    public static RateBudgetDecision Grant { get; } = new(true, TimeSpan.Zero, null, null, false);

    /// <summary>Not enough tokens yet (in the shop's bucket only when <paramref name="shopSpecific"/>).</summary>
    public static RateBudgetDecision WaitFor(TimeSpan wait, bool shopSpecific) => new(false, wait, null, null, shopSpecific);

    /// <summary>Paused until <paramref name="retryAt"/>.</summary>
    public static RateBudgetDecision PausedUntil(RateBudgetPauseReason reason, DateTimeOffset retryAt) =>
        new(false, TimeSpan.Zero, reason, retryAt, reason == RateBudgetPauseReason.ShopRateLimited);
}
