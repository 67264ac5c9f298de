using System.Collections.Frozen;
using System.Text;

namespace OpenClaw.TikTokShop.Transport;

/// <summary>
/// The request and response excerpts of a <see cref="Calls.FailedCall"/>: bounded, with every credential the client
/// knows masked as <c>***</c> — by query key (the auth service takes the app secret, refresh token and auth code in
/// the query) and by value (the app secret and access tokens, wherever a body echoes them). The signature and the
/// access-token header are added per attempt in <c>BuildMessage</c> and never reach an excerpt.
/// </summary>
internal static class FailureExcerpts
{
    /// <summary>Most bytes of a body (and characters of a request line) kept.</summary>
    public const int MaxLength = 1024;

    private const string Mask = "***";

    private static readonly FrozenSet<string> CredentialKeys =
        FrozenSet.ToFrozenSet(["app_secret", "access_token", "refresh_token", "auth_code", "sign"], StringComparer.OrdinalIgnoreCase);

    /// <summary><c>METHOD /path?caller=query</c> and the start of the body; credential values masked.</summary>
    public static string Request(ApiRequest request, IEnumerable<string?> secrets)
    {
        var text = new StringBuilder(request.Method.Method).Append(' ').Append(request.Path);
        var separator = '?';
        foreach (var (key, value) in request.Query)
        {
            text.Append(separator).Append(key).Append('=').Append(CredentialKeys.Contains(key) ? Mask : value);
            separator = '&';
        }

        if (request.Body is { Length: > 0 } body)
        {
            text.Append(' ').Append(Decode(body));
        }

        return Scrub(text.Length > MaxLength ? text.ToString(0, MaxLength) : text.ToString(), secrets);
    }

    /// <summary>The values to mask: the app secret, the access tokens used, and the caller's credential query values.</summary>
    public static IEnumerable<string?> SecretsOf(ApiRequest request, string appSecret, params string?[] accessTokens) =>
        request.Query.Where(p => CredentialKeys.Contains(p.Key)).Select(p => (string?)p.Value).Append(appSecret).Concat(accessTokens);

    /// <summary>The start of a body as text (a cut inside a multi-byte character reads as U+FFFD: the excerpt is for reading).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, MaxLength)]);

    /// <summary>Masks every occurrence of the given secrets.</summary>
    public static string Scrub(string text, IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets)
        {
            // Very short values (a test's "x") would mask ordinary text; real credentials are long.
            if (secret is { Length: >= 6 })
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
