using StackExchange.Redis;

namespace OpenClaw.Grains.OpsErrors;

/// <summary>
/// One occurrence written to its group in one Lua script (one round trip, atomic, so writers never need to take
/// turns): bump the group's counts, keep the details of its latest occurrence, refresh its TTL, add it to its
/// indexes scored by the latest occurrence and trim them to the retention window. Occurrences may arrive out of
/// order (a seller's batch): an older one counts and may lower <c>first_seen</c>, but never replaces the latest details.
/// </summary>
internal static class OpsErrorWrite
{
    // KEYS: group hash, then the plain indexes (ARGV[7] of them), then retries:1..RetryLevels.
    // ARGV: occurred ms, cutoff ms, ttl s, retries, recovered (0/1), group id, plain index count, then field/value
    // pairs of this occurrence (last_seen among them).
    private const string Script = """
        local h = KEYS[1]
        local at, cutoff, ttl = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
        local retries, member, plain = tonumber(ARGV[4]), ARGV[6], tonumber(ARGV[7])
        local first = redis.call('HGET', h, 'first_seen')
        if (not first) or at < tonumber(first) then
          redis.call('HSET', h, 'first_seen', ARGV[1])
        end
        redis.call('HINCRBY', h, 'occurrences', 1)
        redis.call('HINCRBY', h, 'recovered', tonumber(ARGV[5]))
        local max = tonumber(redis.call('HGET', h, 'max_retries') or '-1')
        if retries > max then
          max = retries
          redis.call('HSET', h, 'max_retries', max)
        end
        local score = ARGV[1]
        local latest = redis.call('HGET', h, 'last_seen')
        if latest and tonumber(latest) > at then
          score = latest
        else
          for i = 8, #ARGV, 2 do
            redis.call('HSET', h, ARGV[i], ARGV[i + 1])
          end
        end
        redis.call('EXPIRE', h, ttl)
        local last = 1 + plain + math.min(max, #KEYS - 1 - plain)
        for i = 2, last do
          redis.call('ZADD', KEYS[i], score, member)
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. cutoff)
          redis.call('EXPIRE', KEYS[i], ttl)
        end
        return max
        """;

    /// <summary>
    /// Writes one occurrence at <paramref name="atMs"/> (Unix ms) to group <paramref name="groupId"/> of
    /// <paramref name="tenantId"/>, indexed in <paramref name="indexes"/> and the retry thresholds it reaches.
    /// </summary>
    public static Task<RedisResult> RecordAsync(IDatabaseAsync db, OpsErrorOptions options, string tenantId, string groupId, IReadOnlyList<string> indexes,
        long atMs, long nowMs, int retries, bool recovered, IEnumerable<RedisValue> fields)
    {
        RedisKey[] keys =
        [
            OpsErrorKeys.Group(tenantId, groupId), .. indexes.Select(k => (RedisKey)k),
            .. Enumerable.Range(1, OpsErrorKeys.RetryLevels).Select(k => (RedisKey)OpsErrorKeys.Retries(tenantId, k)),
        ];
        RedisValue[] args =
        [
            atMs, nowMs - (long)options.Retention.TotalMilliseconds, (long)Math.Ceiling(options.Retention.TotalSeconds), retries, recovered ? 1 : 0,
            groupId, indexes.Count, .. fields,
        ];
        return db.ScriptEvaluateAsync(Script, keys, args);
    }
}
