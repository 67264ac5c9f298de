namespace OpenClaw.Grains.Tokens;

/// <summary>Where a shop's tokens stand.</summary>
public enum TokenStatus
{
    /// <summary>No grant installed yet (the shop was never connected).</summary>
    None = 0,

    /// <summary>A grant is installed and can be refreshed.</summary>
    Valid = 1,

    /// <summary>A refresh is in flight. Reported by <see cref="TokenLifecycle.Status"/> only; never persisted.</summary>
    Refreshing = 2,

    /// <summary>
    /// TikTok answered 36004001 (refresh token expired) or 36004005 (authorization revoked): the seller must authorize
    /// again (contract §3). No refresh is attempted until a new grant is installed.
    /// </summary>
    NeedsReauthorization = 3,
}

/// <summary>
/// The token part of the shop grain, for a future <c>[PersistentState("tokens")]</c>. Tokens are stored only as
/// Data Protection ciphertext (<see cref="TokenLifecycle.ProtectorPurpose"/>); all instants are UTC and absolute
/// (the wire's <c>*_expire_in</c> fields are absolute Unix seconds, contract §3). <see cref="ToString"/> leaves out
/// even the ciphertext.
/// </summary>
[GenerateSerializer, Alias("OpenClaw.TokenLifecycleState")]
public sealed record TokenLifecycleState
{
    /// <summary>The access token, protected with Data Protection; null before the first grant.</summary>
    [Id(0)] public string? ProtectedAccessToken { get; set; }

    /// <summary>When the access token expires (absolute, UTC; about 7 days after issue, contract §3).</summary>
    [Id(1)] public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <summary>The refresh token, protected with Data Protection; null before the first grant.</summary>
    [Id(2)] public string? ProtectedRefreshToken { get; set; }

    /// <summary>When the refresh token expires (absolute, UTC; 75 days to over a year, contract §3).</summary>
    [Id(3)] public DateTimeOffset? RefreshTokenExpiresAt { get; set; }

    /// <summary>Scopes of the last grant (contract §3 <c>granted_scopes</c>).</summary>
    [Id(4)] public List<string> GrantedScopes { get; set; } = [];

    /// <summary>Persisted status: never <see cref="TokenStatus.Refreshing"/>.</summary>
    [Id(5)] public TokenStatus Status { get; set; }

    /// <summary>When the current access token was obtained (install or refresh), UTC.</summary>
    [Id(6)] public DateTimeOffset? AccessTokenIssuedAt { get; set; }

    /// <summary>Last successful refresh, UTC.</summary>
    [Id(7)] public DateTimeOffset? LastRefreshedAt { get; set; }

    /// <summary>Refresh failures since the last success.</summary>
    [Id(8)] public int ConsecutiveFailures { get; set; }

    /// <summary>Earliest time of the next refresh attempt after a failure (exponential backoff), UTC.</summary>
    [Id(9)] public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Catalogue key of the last refresh failure (e.g. <c>network</c>, <c>36004005</c>); no token text.</summary>
    [Id(10)] public string? LastErrorKey { get; set; }

    /// <summary>Authorization expiry announced by webhook type 7 (contract §6), UTC.</summary>
    [Id(11)] public DateTimeOffset? AuthorizationExpiresAt { get; set; }

    /// <summary>The refresh-token expiry for which the expiry warning was already raised.</summary>
    [Id(12)] public DateTimeOffset? RefreshExpiryWarnedFor { get; set; }

    /// <summary>The authorization expiry for which the expiry warning was already raised.</summary>
    [Id(13)] public DateTimeOffset? AuthorizationExpiryWarnedFor { get; set; }

    /// <summary>Everything but the protected tokens.</summary>
    public override string ToString() =>
        $"TokenLifecycleState {{ Status = {Status}, AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O}, "
        + $"ConsecutiveFailures = {ConsecutiveFailures}, NextAttemptAt = {NextAttemptAt:O}, LastErrorKey = {LastErrorKey} }}";
}
