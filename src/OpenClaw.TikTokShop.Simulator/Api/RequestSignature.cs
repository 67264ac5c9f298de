using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>
/// The server side of contract §2: recomputes the signature from the query, path and raw body bytes, so a client that
/// re-serialises its body or signs upper-case hex is rejected exactly as TikTok would reject it.
/// </summary>
public static class RequestSignature
{
    /// <summary>Computes the lower-case hex signature.</summary>
    /// <param name="appSecret">The app secret (HMAC key and wrapper).</param>
    /// <param name="path">The request path without host or query.</param>
    /// <param name="query">Decoded query parameters; <c>sign</c>, <c>access_token</c> and empty values are ignored.</param>
    /// <param name="body">The body bytes exactly as received (empty for GET or multipart).</param>
    public static string Compute(string appSecret, string path, IEnumerable<KeyValuePair<string, string>> query, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(appSecret);
        var text = new StringBuilder(appSecret).Append(path);
        foreach (var (key, value) in query
                     .Where(p => p.Key is not ("sign" or "access_token") && !string.IsNullOrEmpty(p.Value))
                     .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append(value);
        }

        var prefix = Encoding.UTF8.GetBytes(text.ToString());
        var suffix = Encoding.UTF8.GetBytes(appSecret);
        var input = new byte[prefix.Length + body.Length + suffix.Length];
        prefix.CopyTo(input, 0);
        body.CopyTo(input.AsSpan(prefix.Length));
        suffix.CopyTo(input, prefix.Length + body.Length);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), input));
    }

    /// <summary>Constant-time comparison of a received signature with the expected one (case-sensitive: upper-case hex fails).</summary>
    public static bool Matches(string expected, string? received) =>
        received is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(received));
}
