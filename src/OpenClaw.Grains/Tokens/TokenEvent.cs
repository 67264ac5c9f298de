namespace OpenClaw.Grains.Tokens;

/// <summary>What a <see cref="TokenEvent"/> reports.</summary>
public enum TokenEventKind
{
    /// <summary>Refresh failed with 36004001 or 36004005: the seller must authorize again (contract §3).</summary>
    NeedsReauthorization = 0,

    /// <summary>The refresh token expires within <see cref="TokenLifecycleOptions.RefreshTokenExpiryWarning"/>.</summary>
    RefreshTokenExpiring = 1,

    /// <summary>
    /// The authorization announced by webhook type 7 (contract §6) expires within
    /// <see cref="TokenLifecycleOptions.AuthorizationExpiryWarning"/>.
    /// </summary>
    AuthorizationExpiring = 2,
}

/// <summary>A token event for alerts: raised once per cause (per code or per expiry value). Carries no token.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="At">When it was raised (UTC).</param>
/// <param name="ExpiresAt">The expiry the warning is about (absolute UTC), for the expiring kinds.</param>
/// <param name="ErrorCode">TikTok's code (36004001, 36004005), for <see cref="TokenEventKind.NeedsReauthorization"/>.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.TokenEvent")]
public sealed record TokenEvent(
    [property: Id(0)] TokenEventKind Kind,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] DateTimeOffset? ExpiresAt = null,
    [property: Id(3)] int? ErrorCode = null);
