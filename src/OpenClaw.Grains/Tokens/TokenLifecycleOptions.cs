namespace OpenClaw.Grains.Tokens;

/// <summary>Timing of the token lifecycle. The defaults follow contract §3 (access token ~7 days).</summary>
public sealed class TokenLifecycleOptions
{
    /// <summary>Refresh this long before the access token expires. Default 24 h.</summary>
    public TimeSpan RefreshLeadTime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Up to this fraction of <see cref="RefreshLeadTime"/> is added to the lead, deterministically per shop id, so a
    /// fleet connected at once does not refresh at once. 0 … 1; default 0.10 (up to 2.4 h earlier).
    /// </summary>
    public double JitterFraction { get; set; } = 0.10;

    /// <summary>Wait after the first failed refresh; doubles per further failure. Default 30 s.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound of the backoff. Default 30 min.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Warn when the refresh token expires within this time. Default 7 days.</summary>
    public TimeSpan RefreshTokenExpiryWarning { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Warn when the authorization (webhook type 7) expires within this time. Default 7 days.</summary>
    public TimeSpan AuthorizationExpiryWarning { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values the lifecycle cannot work with.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(RefreshLeadTime, TimeSpan.Zero, nameof(RefreshLeadTime));
        ArgumentOutOfRangeException.ThrowIfLessThan(JitterFraction, 0d, nameof(JitterFraction));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(JitterFraction, 1d, nameof(JitterFraction));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BackoffBase, TimeSpan.Zero, nameof(BackoffBase));
        ArgumentOutOfRangeException.ThrowIfLessThan(BackoffMax, BackoffBase, nameof(BackoffMax));
        ArgumentOutOfRangeException.ThrowIfLessThan(RefreshTokenExpiryWarning, TimeSpan.Zero, nameof(RefreshTokenExpiryWarning));
        ArgumentOutOfRangeException.ThrowIfLessThan(AuthorizationExpiryWarning, TimeSpan.Zero, nameof(AuthorizationExpiryWarning));
    }
}
