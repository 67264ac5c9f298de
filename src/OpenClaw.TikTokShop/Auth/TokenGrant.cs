using System.Text.Json.Serialization;
using OpenClaw.TikTokShop.Json;

namespace OpenClaw.TikTokShop.Auth;

/// <summary>
/// Tokens from the auth service. Both expiry fields are ABSOLUTE Unix seconds on the wire (contract §3), here
/// instants. <see cref="ToString"/> redacts both tokens.
/// </summary>
public sealed record TokenGrant(
    string AccessToken,
    [property: JsonPropertyName("access_token_expire_in"), JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    [property: JsonPropertyName("refresh_token_expire_in"), JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset RefreshTokenExpiresAt,
    string? OpenId = null,
    string? SellerName = null,
    string? SellerBaseRegion = null,
    int? UserType = null,
    IReadOnlyList<string>? GrantedScopes = null)
{
    /// <summary>Everything but the tokens.</summary>
    public override string ToString() =>
        $"TokenGrant {{ AccessToken = ***, AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshToken = ***, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O}, OpenId = {OpenId}, SellerName = {SellerName}, SellerBaseRegion = {SellerBaseRegion} }}";
}
