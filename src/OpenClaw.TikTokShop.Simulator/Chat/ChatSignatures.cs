using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.TikTokShop.Simulator.Chat;

/// <summary>
/// The receivers' side of each service's signing, written from the services' documents (not from OpenClaw's senders),
/// compared in constant time:
/// DingTalk <c>sign = urlencode(base64(HMAC-SHA256(key: secret, data: timestamp_ms + "\n" + secret)))</c>, timestamp
/// within 1 hour; Feishu <c>sign = base64(HMAC-SHA256(key: timestamp_s + "\n" + secret, data: ""))</c>, within 1 hour;
/// OpenClaw's webhook <c>sha256=hex(HMAC-SHA256(key: secret, data: timestamp + "." + body))</c>, within ±300 s.
/// </summary>
public static class ChatSignatures
{
    /// <summary>DingTalk and Feishu accept a timestamp within one hour of their clock.</summary>
    public static readonly TimeSpan ChatTolerance = TimeSpan.FromHours(1);

    /// <summary>OpenClaw's signed webhook: ±300 s (docs/alerts.md).</summary>
    public static readonly TimeSpan WebhookTolerance = TimeSpan.FromSeconds(300);

    /// <summary>True when a DingTalk <c>timestamp</c> (ms) and <c>sign</c> (already URL-decoded) are valid at <paramref name="now"/>.</summary>
    public static bool DingTalk(string? timestamp, string? sign, string secret, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || sign is null
            || (now - DateTimeOffset.FromUnixTimeMilliseconds(ms)).Duration() > ChatTolerance)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "\n" + secret));
        return SameBase64(sign, expected);
    }

    /// <summary>True when a Feishu body's <c>timestamp</c> (s) and <c>sign</c> are valid at <paramref name="now"/>.</summary>
    public static bool Feishu(string? timestamp, string? sign, string secret, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || sign is null
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > ChatTolerance)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(timestamp + "\n" + secret), Array.Empty<byte>());
        return SameBase64(sign, expected);
    }

    /// <summary>True when OpenClaw's webhook headers sign <paramref name="body"/> (raw bytes) at <paramref name="now"/>.</summary>
    public static bool Webhook(string? timestamp, string? signature, byte[] body, string secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > WebhookTolerance
            || signature is null || !signature.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }

        var data = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature["sha256=".Length..]), expected);
    }

    private static bool SameBase64(string sign, byte[] expected)
    {
        var buffer = new byte[expected.Length + 3];
        return Convert.TryFromBase64String(sign, buffer, out var written) && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(buffer.AsSpan(0, written), expected);
    }
}
