using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Grains.Alerts;

/// <summary>
/// Stable alert identity: the first 16 bytes of SHA-256 over tenant, rule, shop and the identifying labels (sorted by
/// name, ordinal), as 32 lower-case hex digits. Like Alertmanager's fingerprint it depends only on identity, never on
/// values, severity or time, so the same alert keeps its fingerprint across restarts, silos and episodes.
/// </summary>
public static class AlertFingerprint
{
    /// <summary>The fingerprint of an alert.</summary>
    /// <param name="tenantId">Owning tenant.</param>
    /// <param name="ruleId">Rule id (<c>event.*</c> for instant events).</param>
    /// <param name="shopId">TikTok shop id.</param>
    /// <param name="labels">Identifying labels beyond those three (e.g. <c>subject</c>); order does not matter.</param>
    public static string Compute(string tenantId, string ruleId, string shopId, IEnumerable<KeyValuePair<string, string>>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(shopId);
        var text = new StringBuilder("openclaw.alert.v1");
        // Length-prefixed fields: no choice of values can make two different identities write the same text.
        Append(text, tenantId);
        Append(text, ruleId);
        Append(text, shopId);
        foreach (var (name, value) in (labels ?? []).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            Append(text, name);
            Append(text, value);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>A short deterministic id from parts (notification and outbox ids): SHA-256, first 16 bytes, hex.</summary>
    public static string IdOf(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var text = new StringBuilder("openclaw.id.v1");
        foreach (var part in parts)
        {
            Append(text, part);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    private static void Append(StringBuilder text, string value) =>
        text.Append('\n').Append(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(value);
}
