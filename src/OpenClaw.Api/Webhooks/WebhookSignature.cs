using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Api.Webhooks;

/// <summary>
/// TikTok's webhook signature (contract §6, the SDKs' consensus): header <c>Authorization</c> = lower-case hex
/// HMAC-SHA256 keyed with the app secret over the app key followed by the raw body bytes. There is no timestamp in it,
/// so deduplication on <c>tts_notification_id</c> is the replay defence.
/// </summary>
public static class WebhookSignature
{
    /// <summary>Length of a signature: 32 bytes as hex.</summary>
    public const int Length = 64;

    /// <summary>The signature TikTok would send for <paramref name="body"/>.</summary>
    public static string Compute(string appKey, string appSecret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(appKey);
        ArgumentNullException.ThrowIfNull(appSecret);
        var key = Encoding.UTF8.GetBytes(appKey);
        var input = new byte[key.Length + body.Length];
        key.CopyTo(input, 0);
        body.CopyTo(input.AsSpan(key.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), input));
    }

    /// <summary>True when <paramref name="presented"/> is the signature of <paramref name="body"/>, compared in constant time.</summary>
    public static bool IsValid(string appKey, string appSecret, ReadOnlySpan<byte> body, string? presented)
    {
        if (presented is not { Length: Length })
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(appKey, appSecret, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(presented));
    }
}
