using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Grains.Tokens;

/// <summary>The timing rules of the token lifecycle as pure functions (no clock, no state).</summary>
public static class TokenSchedule
{
    /// <summary>
    /// A stable number in [0, 1) for <paramref name="shopId"/>: the first 8 bytes of SHA-256 over its UTF-8 bytes.
    /// Not <see cref="string.GetHashCode()"/>, which changes per process.
    /// </summary>
    public static double JitterUnit(string shopId)
    {
        ArgumentNullException.ThrowIfNull(shopId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(shopId), hash);
        var bits = BitConverter.ToUInt64(hash[..8]) >> 11; // 53 bits: exact in a double
        return bits / (double)(1UL << 53);
    }

    /// <summary>
    /// When to refresh: <c>expiresAt − lead − jitter</c>, jitter = <see cref="JitterUnit"/> ×
    /// <see cref="TokenLifecycleOptions.JitterFraction"/> × lead, so always within [expiry − lead × (1 + fraction),
    /// expiry − lead]. The lead is capped at half the token's lifetime (<paramref name="issuedAt"/> to expiry) so a
    /// short-lived token is not refreshed again the moment it arrives.
    /// </summary>
    public static DateTimeOffset DueAt(DateTimeOffset expiresAt, DateTimeOffset? issuedAt, string shopId, TokenLifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var lead = options.RefreshLeadTime * (1 + (JitterUnit(shopId) * options.JitterFraction));
        if (issuedAt is { } issued && issued < expiresAt)
        {
            var half = (expiresAt - issued) / 2;
            lead = lead > half ? half : lead;
        }

        return expiresAt - lead;
    }

    /// <summary>Backoff after <paramref name="failures"/> (≥ 1) consecutive failures: base × 2^(failures − 1), capped at the max.</summary>
    public static TimeSpan Backoff(int failures, TokenLifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponent = Math.Min(failures - 1, 30);
        var ticks = options.BackoffBase.Ticks * Math.Pow(2, exponent);
        return ticks >= options.BackoffMax.Ticks ? options.BackoffMax : TimeSpan.FromTicks((long)ticks);
    }
}
