using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
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
/// A replica keeps the records it read for <see cref="ApiOptions.KeyCacheLifetime"/> so that an authenticated request
/// costs no Redis round trip; a revocation is published on <see cref="RevokedChannel"/> and every replica drops the
/// record at once (the lifetime bounds a replica that missed the message).
/// </summary>
public sealed class ApiKeyStore(IConnectionMultiplexer redis, TimeProvider time, TimeSpan cacheLifetime) : IDisposable
{
    /// <summary>Pub/sub channel carrying the hash of each revoked key.</summary>
    public static readonly RedisChannel RevokedChannel = RedisChannel.Literal("oc:apikeys:revoked");

    // At most this many records kept (one per key in use on this replica); beyond it, new ones are read each time.
    private const int CachedKeys = 10_000;

    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = CachedKeys });
    private readonly Lock gate = new();
    private Task? listening;
    private long revocations;

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

    /// <summary>
    /// The record of a presented key, or null when unknown; records the use (<c>last_used_at</c>, at most once per
    /// <see cref="ApiOptions.KeyCacheLifetime"/> per replica). Throws <see cref="RedisException"/> or
    /// <see cref="TimeoutException"/> when the store does not answer and the record is not cached.
    /// </summary>
    public async Task<ApiKeyRecord?> FindAsync(string presentedKey)
    {
        var hash = ApiKeyMaterial.Hash(presentedKey);
        if (recent.TryGetValue(hash, out ApiKeyRecord? known))
        {
            return known;
        }

        // Cache only while subscribed to revocations, and only a read no revocation overtook.
        var revocationsBefore = Interlocked.Read(ref revocations);
        var subscribed = cacheLifetime > TimeSpan.Zero && await SubscribedAsync().ConfigureAwait(false);
        var db = redis.GetDatabase();
        var record = Parse(await db.HashGetAllAsync(RecordKey(hash)).ConfigureAwait(false));
        if (record is not null && record.RevokedAt is null)
        {
            _ = db.HashSetAsync(RecordKey(hash), "last_used_at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), flags: CommandFlags.FireAndForget);
            if (subscribed && Interlocked.Read(ref revocations) == revocationsBefore)
            {
                recent.Set(hash, record, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = cacheLifetime });
            }
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
        Forget(hash.ToString());
        await redis.GetSubscriber().PublishAsync(RevokedChannel, hash.ToString()).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => recent.Dispose();

    private void Forget(string hash)
    {
        Interlocked.Increment(ref revocations);
        recent.Remove(hash);
    }

    // One subscription per replica (StackExchange.Redis renews it after a reconnect); a failed attempt is retried by
    // the next request, which meanwhile reads Redis uncached.
    private async ValueTask<bool> SubscribedAsync()
    {
        Task task;
        lock (gate)
        {
            task = listening ??= redis.GetSubscriber().SubscribeAsync(RevokedChannel, (_, hash) => Forget(hash.ToString()));
        }

        try
        {
            await task.ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            lock (gate)
            {
                if (ReferenceEquals(listening, task))
                {
                    listening = null;
                }
            }

            return false;
        }
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
