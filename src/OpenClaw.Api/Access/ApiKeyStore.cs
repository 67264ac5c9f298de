using System.Globalization;
using StackExchange.Redis;

namespace OpenClaw.Api.Access;

/// <summary>A stored API key, without the key itself.</summary>
/// <param name="KeyId">Public id.</param>
/// <param name="TenantId">The tenant the key acts for.</param>
/// <param name="Name">The operator's label.</param>
/// <param name="Scopes">Granted scopes.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="LastUsedAt">When it last authenticated a request, or null.</param>
/// <param name="RevokedAt">When it was revoked, or null.</param>
public sealed record ApiKeyRecord(
    string KeyId, string TenantId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// API keys in Redis: a hash per key under <c>oc:apikey:{sha256}</c> (tenant, scopes, created, last used, revoked)
/// and the tenant's key ids under <c>oc:{t:&lt;tenant&gt;}:apikeys</c> (id → hash). The key itself is never stored.
/// </summary>
public sealed class ApiKeyStore(IConnectionMultiplexer redis, TimeProvider time)
{
    /// <summary>Redis key of a key's record.</summary>
    public static string RecordKey(string hash) => $"oc:apikey:{hash}";

    /// <summary>Redis key of a tenant's key ids.</summary>
    public static string TenantKeysKey(string tenantId) => $"oc:{{t:{tenantId}}}:apikeys";

    /// <summary>Issues a key for a tenant; returns the key (to show once) and its record.</summary>
    public async Task<(string Key, ApiKeyRecord Record)> IssueAsync(string tenantId, string name, IReadOnlyList<string> scopes)
    {
        var key = ApiKeyMaterial.NewKey();
        var hash = ApiKeyMaterial.Hash(key);
        var record = new ApiKeyRecord(ApiKeyMaterial.NewKeyId(), tenantId, name, scopes, time.GetUtcNow(), null, null);
        var db = redis.GetDatabase();
        await db.HashSetAsync(RecordKey(hash),
        [
            new("key_id", record.KeyId), new("tenant_id", tenantId), new("name", name),
            new("scopes", string.Join(' ', scopes)), new("created_at", record.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
        ]).ConfigureAwait(false);
        await db.HashSetAsync(TenantKeysKey(tenantId), record.KeyId, hash).ConfigureAwait(false);
        return (key, record);
    }

    /// <summary>The record of a presented key, or null when unknown; records the use.</summary>
    public async Task<ApiKeyRecord?> FindAsync(string presentedKey)
    {
        var hash = ApiKeyMaterial.Hash(presentedKey);
        var db = redis.GetDatabase();
        var record = Parse(await db.HashGetAllAsync(RecordKey(hash)).ConfigureAwait(false));
        if (record is not null && record.RevokedAt is null)
        {
            _ = db.HashSetAsync(RecordKey(hash), "last_used_at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), flags: CommandFlags.FireAndForget);
        }

        return record;
    }

    /// <summary>The tenant's keys, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string tenantId)
    {
        var db = redis.GetDatabase();
        var hashes = await db.HashValuesAsync(TenantKeysKey(tenantId)).ConfigureAwait(false);
        var records = await Task.WhenAll(hashes.Select(h => db.HashGetAllAsync(RecordKey(h.ToString())))).ConfigureAwait(false);
        return [.. records.Select(Parse).OfType<ApiKeyRecord>().OrderByDescending(r => r.CreatedAt)];
    }

    /// <summary>Revokes one of the tenant's keys; false when the tenant has no key with that id.</summary>
    public async Task<bool> RevokeAsync(string tenantId, string keyId)
    {
        var db = redis.GetDatabase();
        var hash = await db.HashGetAsync(TenantKeysKey(tenantId), keyId).ConfigureAwait(false);
        if (hash.IsNull)
        {
            return false;
        }

        await db.HashSetAsync(RecordKey(hash.ToString()), "revoked_at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), When.NotExists).ConfigureAwait(false);
        return true;
    }

    private static ApiKeyRecord? Parse(HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        return new ApiKeyRecord(
            fields.GetValueOrDefault("key_id", ""), fields.GetValueOrDefault("tenant_id", ""), fields.GetValueOrDefault("name", ""),
            fields.GetValueOrDefault("scopes", "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Time(fields.GetValueOrDefault("created_at")) ?? DateTimeOffset.MinValue, Time(fields.GetValueOrDefault("last_used_at")), Time(fields.GetValueOrDefault("revoked_at")));
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;
}
