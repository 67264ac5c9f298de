using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace OpenClaw.Grains.Alerts.Index;

/// <summary>
/// The per-tenant alert index (ARCHITECTURE §3: cross-shop reads read Redis, never fan out to every grain): one hash
/// per tenant, <c>oc:{t:&lt;tenant&gt;}:alerts</c>, field = fingerprint, value = snake_case JSON <see cref="AlertEntry"/>.
/// Each shop grain writes only its own alerts (it is their only writer) whenever its book changes, and removes the
/// records its book trims, so the hash holds at most the books' bound (500 records per shop, resolved ones 7 days).
/// The API lists, filters and pages from it.
/// </summary>
public sealed class TenantAlertIndex(IConnectionMultiplexer redis)
{
    /// <summary>The Redis key of a tenant's alert hash.</summary>
    public static string Key(string tenantId) => $"oc:{{t:{tenantId}}}:alerts";

    /// <summary>Writes <paramref name="entries"/> and removes <paramref name="removed"/> fingerprints, in one round trip.</summary>
    public async Task WriteAsync(string tenantId, IReadOnlyCollection<AlertEntry> entries, IReadOnlyCollection<string> removed)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(removed);
        var db = redis.GetDatabase();
        var writes = new List<Task>(2);
        if (entries.Count > 0)
        {
            writes.Add(db.HashSetAsync(Key(tenantId), [.. entries.Select(e => new HashEntry(e.Fingerprint, JsonSerializer.Serialize(e, AlertIndexJson.Default.AlertEntry)))]));
        }

        if (removed.Count > 0)
        {
            writes.Add(db.HashDeleteAsync(Key(tenantId), [.. removed.Select(f => (RedisValue)f)]));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>Every alert of the tenant (unordered).</summary>
    public async Task<IReadOnlyList<AlertEntry>> ReadAllAsync(string tenantId)
    {
        var values = await redis.GetDatabase().HashValuesAsync(Key(tenantId)).ConfigureAwait(false);
        return [.. values.Select(v => JsonSerializer.Deserialize((string)v!, AlertIndexJson.Default.AlertEntry)!)];
    }

    /// <summary>One alert of the tenant, or null (another tenant's fingerprint is not in this hash).</summary>
    public async Task<AlertEntry?> FindAsync(string tenantId, string fingerprint)
    {
        var value = await redis.GetDatabase().HashGetAsync(Key(tenantId), fingerprint).ConfigureAwait(false);
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)value!, AlertIndexJson.Default.AlertEntry);
    }
}

/// <summary>Source-generated JSON of the alert index (snake_case, enums as strings).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AlertEntry))]
public sealed partial class AlertIndexJson : JsonSerializerContext;
