using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Json;
using OpenClaw.TikTokShop.Resilience;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.TikTokShop.Auth;

/// <summary>
/// Seller authorization: the consent link, exchanging an authorization code and refreshing tokens (contract §3).
/// Auth-service calls are not signed; the app secret travels in their query, which is never logged.
/// </summary>
public sealed class TikTokShopAuthClient
{
    private const string TokenGetPath = "/api/v2/token/get";
    private const string TokenRefreshPath = "/api/v2/token/refresh";
    private readonly TikTokShopTransport _transport;

    /// <summary>Used by dependency injection (typed HttpClient).</summary>
    [ActivatorUtilitiesConstructor]
    public TikTokShopAuthClient(
        HttpClient httpClient, IOptions<TikTokShopOptions> options, IRateBudget budget, TimeProvider timeProvider,
        CallPipelines pipelines, ILogger<TikTokShopAuthClient> logger)
        => _transport = new TikTokShopTransport(httpClient, (options ?? throw new ArgumentNullException(nameof(options))).Value,
            budget, timeProvider, pipelines, logger);

    /// <summary>Creates a client without dependency injection.</summary>
    public TikTokShopAuthClient(
        HttpClient httpClient, TikTokShopOptions options, IRateBudget? budget = null, TimeProvider? timeProvider = null, ILogger? logger = null)
        => _transport = TikTokShopClient.Standalone(httpClient, options, budget, timeProvider, logger);

    /// <summary>The seller consent link; TikTok sends the seller back with <c>?code=…&amp;state=<paramref name="state"/></c>.</summary>
    public Uri BuildAuthorizeUrl(string state)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        var options = _transport.Options;
        return new Uri(options.AuthorizeBaseUrl.TrimEnd('/') + "/open/authorize?service_id=" + Uri.EscapeDataString(options.ServiceId)
            + "&state=" + Uri.EscapeDataString(state));
    }

    /// <summary>
    /// Exchanges a single-use authorization code (valid 30 minutes) for tokens. A grant whose expiry is not after now
    /// or beyond <see cref="TokenGrantRules"/>' bounds (e.g. a duration sent instead of absolute Unix seconds) is a
    /// <c>bad_response</c> error, never a success (contract §3); "now" is the injected <see cref="TimeProvider"/>.
    /// </summary>
    public Task<TikTokShopResult<TokenGrant>> ExchangeCodeAsync(string authCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authCode);
        var request = Credentials(TokenGetPath).With("auth_code", authCode).With("grant_type", "authorized_code");
        return _transport.SendAsync(request, null, null, TikTokShopJsonContext.Default.TokenGrant, cancellationToken,
            TokenGrantRules.Check);
    }

    /// <summary>
    /// Gets a new access token (and possibly a new refresh token) from a refresh token; the grant is checked like
    /// <see cref="ExchangeCodeAsync"/>'s.
    /// </summary>
    public Task<TikTokShopResult<TokenGrant>> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        RefreshAsync(refreshToken, null, cancellationToken);

    /// <summary>
    /// <see cref="RefreshAsync(string, CancellationToken)"/> with call options: only <see cref="CallOptions.OnFailure"/>
    /// matters here (refreshes always run at token-refresh priority).
    /// </summary>
    public Task<TikTokShopResult<TokenGrant>> RefreshAsync(string refreshToken, CallOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        var request = Credentials(TokenRefreshPath).With("refresh_token", refreshToken).With("grant_type", "refresh_token");
        return _transport.SendAsync(request, null, options, TikTokShopJsonContext.Default.TokenGrant, cancellationToken,
            TokenGrantRules.Check);
    }

    private ApiRequest Credentials(string path) =>
        new ApiRequest(HttpMethod.Get, path, host: ApiHost.Auth)
            .With("app_key", _transport.Options.AppKey)
            .With("app_secret", _transport.Options.AppSecret);
}
