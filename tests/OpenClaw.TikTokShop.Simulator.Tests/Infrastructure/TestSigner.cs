using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

/// <summary>An independent implementation of contract §2 (deliberately not the simulator's class).</summary>
public static class TestSigner
{
    public static string Sign(string secret, string path, IReadOnlyDictionary<string, string> query, string body)
    {
        var builder = new StringBuilder();
        builder.Append(secret).Append(path);
        foreach (var key in query.Keys.Where(k => k != "sign" && k != "access_token" && query[k].Length > 0).OrderBy(k => k, StringComparer.Ordinal))
        {
            builder.Append(key).Append(query[key]);
        }

        builder.Append(body).Append(secret);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes(builder.ToString())).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static string WebhookSignature(string appKey, string secret, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var input = Encoding.UTF8.GetBytes(appKey).Concat(body).ToArray();
        return string.Concat(hmac.ComputeHash(input).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
