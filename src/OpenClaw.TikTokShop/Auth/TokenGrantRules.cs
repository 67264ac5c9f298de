using System.Globalization;

namespace OpenClaw.TikTokShop.Auth;

/// <summary>
/// What a fresh grant (token get or refresh) must look like before it is reported as a success (contract §3).
/// Both <c>*_expire_in</c> fields are ABSOLUTE Unix seconds; a server (or proxy, or simulator) that sends a duration
/// such as 604800 would otherwise produce a "valid" token that expired in 1970. Each expiry must be strictly after
/// now (the client's <see cref="TimeProvider"/>) and no further ahead than the bound below; anything else is a
/// bad response whose message says which field, by how much, and what the value looks like.
/// </summary>
public static class TokenGrantRules
{
    /// <summary>
    /// Furthest an access-token expiry may lie ahead of now: 30 days. The contract documents a 7-day lifetime;
    /// the margin lets TikTok lengthen it without breaking OpenClaw, while a misread value (milliseconds, a far
    /// date) is still caught.
    /// </summary>
    public static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromDays(30);

    /// <summary>
    /// Furthest a refresh-token expiry may lie ahead of now: 1,826 days (5 years). The contract documents "about
    /// 75 days to over a year" following the authorization period the seller chose.
    /// </summary>
    public static readonly TimeSpan MaxRefreshTokenLifetime = TimeSpan.FromDays(1826);

    /// <summary>The diagnosis of an implausible fresh grant, or null when both expiries are plausible at <paramref name="now"/>.</summary>
    public static string? Check(TokenGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return Check("access_token_expire_in", grant.AccessTokenExpiresAt, MaxAccessTokenLifetime, now)
            ?? Check("refresh_token_expire_in", grant.RefreshTokenExpiresAt, MaxRefreshTokenLifetime, now);
    }

    private static string? Check(string field, DateTimeOffset expiresAt, TimeSpan maxLifetime, DateTimeOffset now)
    {
        var unix = expiresAt.ToUnixTimeSeconds();
        var stated = string.Create(CultureInfo.InvariantCulture, $"{field} = {unix} ({expiresAt:yyyy-MM-ddTHH:mm:ssZ})");
        if (expiresAt <= now)
        {
            // A small number read as an instant lands near 1970: the usual cause is a duration in the field.
            var hint = unix <= (long)MaxRefreshTokenLifetime.TotalSeconds
                ? "; it looks like a lifetime in seconds, but contract §3 makes the field an absolute Unix time"
                : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"{stated} is not after now ({now:yyyy-MM-ddTHH:mm:ssZ}): a fresh token cannot already be expired{hint}.");
        }

        if (expiresAt - now > maxLifetime)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{stated} is {(expiresAt - now).TotalDays:0.#} days ahead, more than the {maxLifetime.TotalDays:0} days accepted (contract §3 lifetimes).");
        }

        return null;
    }
}
