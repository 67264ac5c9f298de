using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Api.Access;

/// <summary>Making and hashing API keys: 32 random bytes shown once; only their SHA-256 is stored.</summary>
public static class ApiKeyMaterial
{
    /// <summary>Prefix of every key OpenClaw issues (lets secret scanners recognise a leaked key).</summary>
    public const string Prefix = "ock_";

    /// <summary>A new key: the prefix and 32 random bytes, base64url.</summary>
    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new public key id (what lists and revocation name).</summary>
    public static string NewKeyId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 text.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Compares two keys in time independent of where they differ.</summary>
    public static bool SameKey(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
