using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.TikTokShop.Tests.Signing;

/// <summary>
/// An independent reading of contract §2, written from the text and not from the client's code: build the whole
/// string (secret + path + sorted pairs + body + secret) as bytes, HMAC it in one shot, hex it by hand.
/// </summary>
public static class ReferenceSigner
{
    public static string Sign(string secret, string path, IEnumerable<(string Key, string Value)> query, byte[] body)
    {
        var pairs = query.Where(p => p.Key != "sign" && p.Key != "access_token" && p.Value.Length > 0).ToList();
        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        text.Append(path);
        foreach (var (key, value) in pairs)
        {
            text.Append(key).Append(value);
        }

        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(secret));
        bytes.AddRange(Encoding.UTF8.GetBytes(text.ToString()));
        bytes.AddRange(body);
        bytes.AddRange(Encoding.UTF8.GetBytes(secret));
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var hash = hmac.ComputeHash(bytes.ToArray());
        var hex = new StringBuilder(64);
        foreach (var b in hash)
        {
            hex.Append("0123456789abcdef"[b >> 4]).Append("0123456789abcdef"[b & 0xF]);
        }

        return hex.ToString();
    }
}
