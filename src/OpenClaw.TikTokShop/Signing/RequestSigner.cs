using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.TikTokShop.Signing;

/// <summary>
/// Computes the <c>sign</c> query parameter of a Partner API request (contract §2): HMAC-SHA256 keyed with the
/// app secret over <c>secret + path + sorted {key}{value} + body + secret</c>, lower-case hex.
/// </summary>
public static class RequestSigner
{
    private static readonly string[] ExcludedKeys = ["sign", "access_token"];

    /// <summary>Signs a request.</summary>
    /// <param name="appSecret">The app secret (HMAC key and wrapper).</param>
    /// <param name="path">The request path without host or query, e.g. <c>/authorization/202309/shops</c>.</param>
    /// <param name="query">Decoded query parameters; arrays already comma-joined. <c>sign</c>, <c>access_token</c> and empty values are ignored.</param>
    /// <param name="body">The body bytes exactly as they go on the wire (empty for GET and multipart).</param>
    /// <returns>64 lower-case hex characters.</returns>
    public static string Sign(string appSecret, string path, IEnumerable<KeyValuePair<string, string>> query, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);

        var signed = query
            .Where(p => !string.IsNullOrEmpty(p.Value) && !ExcludedKeys.Contains(p.Key, StringComparer.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal);

        var secretBytes = Encoding.UTF8.GetBytes(appSecret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secretBytes);
        hmac.AppendData(secretBytes);
        AppendUtf8(hmac, path);
        foreach (var (key, value) in signed)
        {
            AppendUtf8(hmac, key);
            AppendUtf8(hmac, value);
        }

        hmac.AppendData(body);
        hmac.AppendData(secretBytes);

        Span<byte> hash = stackalloc byte[32];
        hmac.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash);
    }

    private static void AppendUtf8(IncrementalHash hash, string text)
    {
        // Stack buffer for the usual short keys/values; rent only for long ones.
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 256)
        {
            Span<byte> buffer = stackalloc byte[256];
            var written = Encoding.UTF8.GetBytes(text, buffer);
            hash.AppendData(buffer[..written]);
            return;
        }

        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            hash.AppendData(rented.AsSpan(0, written));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
