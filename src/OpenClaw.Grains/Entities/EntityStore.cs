using System.Globalization;
using StackExchange.Redis;

namespace OpenClaw.Grains.Entities;

/// <summary>
/// Idempotent entity upserts into Redis (issue 9, ARCHITECTURE §3–§4): one hash per shop and kind, one Lua call per
/// page. A version replaces the stored one only when its <c>update_time</c> is not older, so a late, repeated or
/// out-of-order page never overwrites newer data, and replaying a page changes nothing. Only the shop's grain writes;
/// readers (metrics, API, tests) use <see cref="GetAsync"/> and <see cref="ReadAllAsync"/>. Works on Redis and Garnet
/// (<c>--lua true</c>).
/// </summary>
public sealed class EntityStore(IConnectionMultiplexer redis)
{
    // ARGV: triples (id, update_time, value). Value = "<update_time>|<json>". Returns {inserted, updated, unchanged, stale}.
    private const string UpsertScript = """
        local inserted, updated, unchanged, stale = 0, 0, 0, 0
        for i = 1, #ARGV, 3 do
          local id, ut, value = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
          local current = redis.call('HGET', KEYS[1], id)
          if not current then
            redis.call('HSET', KEYS[1], id, value)
            inserted = inserted + 1
          elseif current == value then
            unchanged = unchanged + 1
          else
            local sep = string.find(current, '|', 1, true)
            local storedUt = tonumber(string.sub(current, 1, sep - 1))
            if storedUt > ut then
              stale = stale + 1
            else
              redis.call('HSET', KEYS[1], id, value)
              updated = updated + 1
            end
          end
        end
        return {inserted, updated, unchanged, stale}
        """;

    private readonly IConnectionMultiplexer _redis = redis ?? throw new ArgumentNullException(nameof(redis));

    /// <summary>Upserts versions of one shop's entities (any kinds; one Lua call per kind).</summary>
    /// <exception cref="RedisException">The store is unreachable or refused the script; nothing is reported as written.</exception>
    public async Task<UpsertResult> UpsertAsync(string shopId, IReadOnlyCollection<EntityVersion> versions)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ArgumentNullException.ThrowIfNull(versions);
        var total = default(UpsertResult);
        var db = _redis.GetDatabase();
        foreach (var group in versions.GroupBy(v => v.Kind, StringComparer.Ordinal))
        {
            var args = new List<RedisValue>();
            foreach (var v in group)
            {
                var ut = v.UpdateTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                args.Add(v.Id);
                args.Add(ut);
                args.Add(ut + "|" + v.Json);
            }

            var reply = (RedisResult[]?)await db.ScriptEvaluateAsync(UpsertScript, [EntityKeys.Hash(shopId, group.Key)], [.. args]).ConfigureAwait(false)
                ?? throw new RedisException("entity upsert returned nothing");
            total += new UpsertResult((int)reply[0], (int)reply[1], (int)reply[2], (int)reply[3]);
        }

        return total;
    }

    /// <summary>One stored entity, or null.</summary>
    public async Task<StoredEntity?> GetAsync(string shopId, string kind, string id)
    {
        var value = await _redis.GetDatabase().HashGetAsync(EntityKeys.Hash(shopId, kind), id).ConfigureAwait(false);
        return value.IsNull ? null : Parse(id, value.ToString());
    }

    /// <summary>Stored entities of one kind by id in one HMGET; ids not stored are left out.</summary>
    public async Task<IReadOnlyList<StoredEntity>> GetManyAsync(string shopId, string kind, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var names = ids.Select(id => (RedisValue)id).ToArray();
        var values = await _redis.GetDatabase().HashGetAsync(EntityKeys.Hash(shopId, kind), names).ConfigureAwait(false);
        return [.. names.Zip(values).Where(p => !p.Second.IsNull).Select(p => Parse(p.First.ToString(), p.Second.ToString()))];
    }

    /// <summary>One HSCAN step over a kind (for bounded batch work across turns): the next cursor (0 when done) and the entities.</summary>
    public async Task<(long Next, IReadOnlyList<StoredEntity> Entities)> ScanAsync(string shopId, string kind, long cursor, int count)
    {
        var reply = (RedisResult[])(await _redis.GetDatabase().ExecuteAsync("HSCAN", EntityKeys.Hash(shopId, kind), cursor, "COUNT", count).ConfigureAwait(false))!;
        var items = (RedisResult[])reply[1]!;
        var entities = new List<StoredEntity>(items.Length / 2);
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            entities.Add(Parse(items[i].ToString(), items[i + 1].ToString()));
        }

        return (long.Parse(reply[0].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture), entities);
    }

    /// <summary>Every stored entity of one shop and kind (HSCAN in batches; for reports and tests, not hot paths).</summary>
    public async IAsyncEnumerable<StoredEntity> ReadAllAsync(string shopId, string kind)
    {
        await foreach (var entry in _redis.GetDatabase().HashScanAsync(EntityKeys.Hash(shopId, kind), pageSize: 500).ConfigureAwait(false))
        {
            yield return Parse(entry.Name.ToString(), entry.Value.ToString());
        }
    }

    /// <summary>How many entities of one kind a shop has stored.</summary>
    public Task<long> CountAsync(string shopId, string kind) => _redis.GetDatabase().HashLengthAsync(EntityKeys.Hash(shopId, kind));

    /// <summary>Removes stored entities of one kind by id (one HDEL); returns how many were stored.</summary>
    /// <exception cref="RedisException">The store failed.</exception>
    public Task<long> RemoveAsync(string shopId, string kind, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0
            ? Task.FromResult(0L)
            : _redis.GetDatabase().HashDeleteAsync(EntityKeys.Hash(shopId, kind), [.. ids.Select(id => (RedisValue)id)]);
    }

    /// <summary>Deletes every stored entity of a shop (the purge of a disconnect); returns the number of keys removed.</summary>
    public Task<long> PurgeAsync(string shopId) =>
        _redis.GetDatabase().KeyDeleteAsync([.. EntityKind.All.Select(k => (RedisKey)EntityKeys.Hash(shopId, k))]);

    private static StoredEntity Parse(string id, string value)
    {
        var sep = value.IndexOf('|', StringComparison.Ordinal);
        var ut = long.Parse(value.AsSpan(0, sep), NumberStyles.Integer, CultureInfo.InvariantCulture);
        return new StoredEntity(id, DateTimeOffset.FromUnixTimeSeconds(ut), value[(sep + 1)..]);
    }
}
