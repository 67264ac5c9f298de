namespace OpenClaw.Grains.Shops;

/// <summary>
/// Tokens TikTok issued for a seller (contract §3), carried inside the cluster from onboarding to the shop grain, which
/// stores them encrypted. <see cref="ToString"/> never shows a token.
/// </summary>
/// <param name="AccessToken">The access token (plaintext in memory only).</param>
/// <param name="AccessTokenExpiresAt">Absolute expiry of the access token (UTC; the wire sends absolute Unix seconds).</param>
/// <param name="RefreshToken">The refresh token (plaintext in memory only).</param>
/// <param name="RefreshTokenExpiresAt">Absolute expiry of the refresh token (UTC).</param>
/// <param name="GrantedScopes">Scopes of the grant, when known.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.IssuedTokens")]
public sealed record IssuedTokens(
    [property: Id(0)] string AccessToken,
    [property: Id(1)] DateTimeOffset AccessTokenExpiresAt,
    [property: Id(2)] string RefreshToken,
    [property: Id(3)] DateTimeOffset RefreshTokenExpiresAt,
    [property: Id(4)] IReadOnlyList<string>? GrantedScopes = null)
{
    /// <summary>Expiries only; the tokens are redacted.</summary>
    public override string ToString() =>
        $"IssuedTokens {{ AccessToken = ***, AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshToken = ***, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O} }}";
}
