namespace OpenClaw.TikTokShop.Calls;

/// <summary>Who a call is made for: the shop, its cipher and its current access token.</summary>
/// <param name="ShopId">TikTok shop id (used for the rate budget, circuit breaker and telemetry).</param>
/// <param name="ShopCipher">The shop cipher from the authorized-shops list; sent only on shop-scoped paths.</param>
/// <param name="AccessToken">The access token; sent in <c>x-tts-access-token</c>, never logged.</param>
public sealed record ShopAccess(string ShopId, string? ShopCipher, string AccessToken)
{
    /// <summary>A copy with a different access token (after a refresh).</summary>
    public ShopAccess WithAccessToken(string accessToken) => this with { AccessToken = accessToken };

    /// <summary>Shop id and cipher only; the token is redacted.</summary>
    public override string ToString() => $"ShopAccess {{ ShopId = {ShopId}, ShopCipher = {ShopCipher}, AccessToken = *** }}";
}
