using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Auth;

/// <summary>
/// Auth codes, authorizations and tokens. One authorization covers one shop (the simulator has one shop per seller).
/// Lifetimes count in simulated time; expiry fields are absolute Unix seconds as TikTok returns them.
/// </summary>
public sealed class AuthorizationStore
{
    private const long CodeLifetimeSeconds = 30 * 60;

    private readonly SimulatorSettings _settings;
    private readonly SimulatedClock _clock;
    private readonly ConcurrentDictionary<string, (int Shop, long ExpiresAt)> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _byRefresh = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AccessToken> _byAccess = new(StringComparer.Ordinal);

    /// <summary>Creates the store.</summary>
    public AuthorizationStore(IOptions<SimulatorSettings> settings, SimulatedClock clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Value;
        _clock = clock;
    }

    /// <summary>Issues a single-use auth code for a shop, valid 30 simulated minutes.</summary>
    public (string Code, long ExpiresAt) IssueCode(Shop shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var code = NewOpaque("AC_");
        var expiresAt = _clock.NowUnix + CodeLifetimeSeconds;
        _codes[code] = (shop.Index, expiresAt);
        return (code, expiresAt);
    }

    /// <summary>Exchanges an auth code (once) for tokens; 36004004 when unknown, used or expired.</summary>
    public TokenPair Exchange(string? code)
    {
        if (code is null || !_codes.TryRemove(code, out var entry) || entry.ExpiresAt < _clock.NowUnix)
        {
            throw new ApiException(ApiError.Of(ErrorCodes.InvalidAuthCode, "invalid auth code"));
        }

        var now = _clock.NowUnix;
        var scopes = _settings.GrantedScopes.Count > 0 ? _settings.GrantedScopes.ToList() : Scopes.All.ToList();
        var grant = new Grant(entry.Shop, NewOpaque("RT_"), now + _settings.RefreshTokenLifetimeSeconds, scopes);
        _byRefresh[grant.RefreshToken] = grant;
        return IssueAccess(grant, now);
    }

    /// <summary>A new access token for a refresh token; 36004001 expired, 36004005 revoked or unknown.</summary>
    public TokenPair Refresh(string? refreshToken)
    {
        if (refreshToken is null || !_byRefresh.TryGetValue(refreshToken, out var grant) || grant.Revoked)
        {
            throw new ApiException(ApiError.Of(ErrorCodes.AuthorizationRevoked, "no related auth record: the seller must authorize again"));
        }

        var now = _clock.NowUnix;
        if (grant.RefreshExpiresAt <= now)
        {
            throw new ApiException(ApiError.Of(ErrorCodes.RefreshTokenExpired, "refresh token expired"));
        }

        return IssueAccess(grant, now);
    }

    /// <summary>The grant behind an access token; 101000 unknown or revoked, 105002 expired.</summary>
    public Grant Validate(string accessToken)
    {
        if (!_byAccess.TryGetValue(accessToken, out var token) || token.Grant.Revoked)
        {
            throw new ApiException(ApiError.Of(ErrorCodes.InvalidAccessToken, "invalid access token"));
        }

        if (token.ExpiresAt <= _clock.NowUnix)
        {
            throw new ApiException(ApiError.Of(ErrorCodes.AccessTokenExpired, "access token expired"));
        }

        return token.Grant;
    }

    /// <summary>
    /// Every access and refresh token issued so far, revoked and expired ones included: what a test's security sweep
    /// searches the client's logs and records for (a token must never appear there).
    /// </summary>
    public IReadOnlyList<string> IssuedTokens => [.. _byAccess.Keys, .. _byRefresh.Keys];

    /// <summary>Live (not revoked) authorizations.</summary>
    public IEnumerable<Grant> ActiveGrants => _byRefresh.Values.Where(g => !g.Revoked);

    /// <summary>Revokes every authorization of a shop (the seller de-authorized the app).</summary>
    public void Revoke(Shop shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        foreach (var grant in _byRefresh.Values.Where(g => g.ShopIndex == shop.Index))
        {
            grant.Revoked = true;
        }
    }

    /// <summary>Expires the shop's live access tokens now.</summary>
    public void ExpireAccess(Shop shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var now = _clock.NowUnix;
        foreach (var token in _byAccess.Values.Where(t => t.Grant.ShopIndex == shop.Index && t.ExpiresAt > now))
        {
            token.ExpiresAt = now;
        }
    }

    private TokenPair IssueAccess(Grant grant, long now)
    {
        var access = new AccessToken(NewOpaque("AT_"), grant) { ExpiresAt = now + _settings.AccessTokenLifetimeSeconds };
        _byAccess[access.Token] = access;
        return new TokenPair(access.Token, access.ExpiresAt, grant.RefreshToken, grant.RefreshExpiresAt, grant);
    }

    private static string NewOpaque(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private sealed record AccessToken(string Token, Grant Grant)
    {
        public long ExpiresAt { get; set; }
    }
}

/// <summary>A seller's authorization of the app for one shop.</summary>
public sealed record Grant(int ShopIndex, string RefreshToken, long RefreshExpiresAt, IReadOnlyList<string> Scopes)
{
    /// <summary>Set when the seller de-authorizes.</summary>
    public bool Revoked { get; set; }
}

/// <summary>What a token call returns.</summary>
public sealed record TokenPair(string AccessToken, long AccessExpiresAt, string RefreshToken, long RefreshExpiresAt, Grant Grant);
