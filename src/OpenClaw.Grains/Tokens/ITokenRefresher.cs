using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.Grains.Tokens;

/// <summary>Exchanges a refresh token for a new grant (contract §3 <c>/api/v2/token/refresh</c>).</summary>
public interface ITokenRefresher
{
    /// <summary>
    /// Returns the new grant, or throws <see cref="TikTokShopException"/> with the classified error (36004001,
    /// 36004005, network, 5xx …). <paramref name="refreshToken"/> is plaintext: never log it.
    /// </summary>
    Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="RefreshAsync(string, CancellationToken)"/> with call options (the shop's failed-call report); a
    /// refresher that makes no TikTok call (a test double) ignores them.
    /// </summary>
    Task<TokenGrant> RefreshAsync(string refreshToken, CallOptions? options, CancellationToken cancellationToken) =>
        RefreshAsync(refreshToken, cancellationToken);
}

/// <summary>The production <see cref="ITokenRefresher"/>: <see cref="TikTokShopAuthClient.RefreshAsync(string, CallOptions?, CancellationToken)"/>.</summary>
public sealed class AuthClientTokenRefresher(TikTokShopAuthClient auth) : ITokenRefresher
{
    /// <inheritdoc />
    public Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RefreshAsync(refreshToken, null, cancellationToken);

    /// <inheritdoc />
    public async Task<TokenGrant> RefreshAsync(string refreshToken, CallOptions? options, CancellationToken cancellationToken) =>
        (await auth.RefreshAsync(refreshToken, options, cancellationToken).ConfigureAwait(false)).GetValueOrThrow();
}
