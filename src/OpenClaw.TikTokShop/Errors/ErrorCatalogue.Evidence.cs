using System.Text.RegularExpressions;

namespace OpenClaw.TikTokShop.Errors;

public static partial class ErrorCatalogue
{
    /// <summary>The catalogue keys a failure's words can point at over its code or status.</summary>
    private const string AccessTokenExpired = "105002", InvalidAccessToken = "101000", RefreshTokenExpired = "36004001";

    /// <summary>
    /// Classifies a failure from everything known about it together: the code (non-zero, or null when absent), the HTTP
    /// status (null when no answer arrived), the message and the response headers (any casing of names; null when
    /// unknown). Code and status decide first (<see cref="Resolve(int?, int?, string?)"/>'s rules); then, when that
    /// gives a rate-limit entry or one without a TikTok code (a bare 429, 5xx or 4xx, an unknown code), auth evidence
    /// wins: a message (or <c>WWW-Authenticate</c> header) saying the access token expired → <c>105002</c>, the refresh
    /// token expired → <c>36004001</c>, the token is invalid or revoked → <c>101000</c>; a <c>WWW-Authenticate</c>
    /// header alone → <c>101000</c>. Gateways in front of TikTok answer a dead token with 429 or 5xx and the words
    /// (e.g. 429 "access token expired"), and backing off would never fix it. No code and no status (no answer) is a
    /// <c>timeout</c> when the message says so, else <c>network</c>. A known TikTok code of another category is kept.
    /// </summary>
    public static ErrorCatalogueEntry Resolve(int? code, int? httpStatus, string? message, IReadOnlyDictionary<string, string>? headers)
    {
        message ??= "";
        if (code is null or 0 && httpStatus is null)
        {
            return ByKey[TimeoutWords().IsMatch(message) ? Keys.Timeout : Keys.Network];
        }

        var entry = ResolveByCode(code, httpStatus, message);
        if (entry.Category != ErrorCategory.RateLimit && entry.Code is not null)
        {
            return entry;
        }

        var challenge = headers?.FirstOrDefault(h => string.Equals(h.Key, "WWW-Authenticate", StringComparison.OrdinalIgnoreCase)).Value;
        var words = challenge is null ? message : message + "\n" + challenge;
        string? key = RefreshExpired().IsMatch(words) ? RefreshTokenExpired
            : AccessExpired().IsMatch(words) ? AccessTokenExpired
            : TokenInvalid().IsMatch(words) || challenge is not null ? InvalidAccessToken
            : null;
        return key is null ? entry : ByKey[key];
    }

    // Whole words, case-insensitive, linear time (NonBacktracking): "page_token" is not "token" ('_' is a word character).
    [GeneratedRegex(@"\brefresh[ _]?token\b.{0,30}\bexpired\b|\bexpired\b.{0,30}\brefresh[ _]?token\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex RefreshExpired();

    [GeneratedRegex(@"\b(?:access[ _]?)?token\b.{0,30}\bexpired\b|\bexpired\b.{0,30}\b(?:access[ _]?)?token\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex AccessExpired();

    [GeneratedRegex(@"\b(?:invalid|revoked|unauthori[sz]ed)[ _]?(?:access[ _]?)?token\b|\b(?:invalid|revoked|unauthori[sz]ed)\b.{0,30}\b(?:access[ _]?)?token\b|\b(?:access[ _]?)?token\b.{0,30}\b(?:invalid|revoked)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex TokenInvalid();

    [GeneratedRegex(@"\b(?:time[ _-]?out|timed out)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex TimeoutWords();
}
