using System.Globalization;
using StackExchange.Redis;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// The outbox's Lua scripts (Garnet runs them with <c>--lua true</c>; no streams, no cjson). Keys share one hash tag
/// so they live on one Redis Cluster slot. Layout: <c>items</c> hash id → JSON, <c>due</c> sorted set id → due time
/// (ms), <c>leased</c> sorted set id → lease end (ms), <c>attempts</c> and <c>tokens</c> hashes, <c>done</c> sorted set
/// id → delivery time (trimmed to the retention, key expires when idle), <c>dead</c> list (trimmed), and per channel a
/// <c>retrying:&lt;tenant&gt;|&lt;channel&gt;</c> set of the ids backing off after a failed send.
/// </summary>
internal static class OutboxScripts
{
    // The Claim script's flat reply (id, json, attempts, token per item), item by item.
    public static IEnumerable<(string Json, int Attempts, string Token)> ClaimedItems(RedisResult[] reply)
    {
        for (var i = 0; i + 3 < reply.Length; i += 4)
        {
            yield return ((string)reply[i + 1]!, int.Parse((string)reply[i + 2]!, CultureInfo.InvariantCulture), (string)reply[i + 3]!);
        }
    }

    // KEYS items, due, done. ARGV id, json, dueMs.
    public const string Enqueue = """
        if redis.call('ZSCORE', KEYS[3], ARGV[1]) then return 0 end
        if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        return 1
        """;

    // KEYS items, due, leased, attempts, tokens. ARGV nowMs, leaseUntilMs, max, tokenPrefix.
    // Expired leases go back to due first: a crashed sender's items are claimed again by whoever comes next.
    public const string Claim = """
        local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1])
        for _, id in ipairs(expired) do
          redis.call('ZREM', KEYS[3], id)
          redis.call('HDEL', KEYS[5], id)
          redis.call('ZADD', KEYS[2], ARGV[1], id)
        end
        local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
        local out = {}
        for i, id in ipairs(ids) do
          redis.call('ZREM', KEYS[2], id)
          local json = redis.call('HGET', KEYS[1], id)
          if json then
            local attempts = redis.call('HINCRBY', KEYS[4], id, 1)
            local token = ARGV[4] .. ':' .. i
            redis.call('ZADD', KEYS[3], ARGV[2], id)
            redis.call('HSET', KEYS[5], id, token)
            table.insert(out, id)
            table.insert(out, json)
            table.insert(out, tostring(attempts))
            table.insert(out, token)
          end
        end
        return out
        """;

    // KEYS items, due, leased, attempts, tokens, done, retrying (the item's channel). ARGV id, token, nowMs, doneCutoffMs, doneTtlMs.
    // Accepted while the lease is ours, or expired but not yet claimed by another sender. The channel answered, so the
    // items backing off after its earlier failures are due now instead of after their backoff. Returns 0 (lease lost)
    // or 1 + the number of items made due.
    public const string Ack = """
        local t = redis.call('HGET', KEYS[5], ARGV[1])
        if t and t ~= ARGV[2] then return 0 end
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('ZREM', KEYS[3], ARGV[1])
        redis.call('HDEL', KEYS[4], ARGV[1])
        redis.call('HDEL', KEYS[5], ARGV[1])
        redis.call('ZADD', KEYS[6], ARGV[3], ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', ARGV[4])
        redis.call('PEXPIRE', KEYS[6], ARGV[5])
        redis.call('SREM', KEYS[7], ARGV[1])
        local released = 0
        for _, id in ipairs(redis.call('SMEMBERS', KEYS[7])) do
          local due = redis.call('ZSCORE', KEYS[2], id)
          if due and tonumber(due) > tonumber(ARGV[3]) then
            redis.call('ZADD', KEYS[2], ARGV[3], id)
            released = released + 1
          end
        end
        redis.call('DEL', KEYS[7])
        return 1 + released
        """;

    // KEYS items, due, leased, attempts, tokens, dead, retrying (the item's channel).
    // ARGV id, token, nextDueMs, deadJson ('' = retry), deadMax, refund (1 = not an attempt: deferred, not failed).
    public const string Release = """
        if redis.call('HGET', KEYS[5], ARGV[1]) ~= ARGV[2] then return 0 end
        redis.call('ZREM', KEYS[3], ARGV[1])
        redis.call('HDEL', KEYS[5], ARGV[1])
        if ARGV[4] ~= '' then
          redis.call('LPUSH', KEYS[6], ARGV[4])
          redis.call('LTRIM', KEYS[6], 0, tonumber(ARGV[5]) - 1)
          redis.call('HDEL', KEYS[1], ARGV[1])
          redis.call('HDEL', KEYS[4], ARGV[1])
          redis.call('SREM', KEYS[7], ARGV[1])
          return 2
        end
        if ARGV[6] == '1' then
          redis.call('HINCRBY', KEYS[4], ARGV[1], -1)
        else
          redis.call('SADD', KEYS[7], ARGV[1])
        end
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        return 1
        """;

    // KEYS budget. ARGV nowMs, longestWindowMs, member, then pairs windowMs, limit.
    // Returns 0 when a send was recorded, else the milliseconds until a slot frees.
    public const string RateAcquire = """
        local now = tonumber(ARGV[1])
        local longest = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
        local wait = 0
        local i = 4
        while i < #ARGV do
          local window = tonumber(ARGV[i])
          local limit = tonumber(ARGV[i + 1])
          local count = redis.call('ZCOUNT', KEYS[1], now - window + 1, '+inf')
          if count >= limit then
            local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], now - window + 1, '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
            local w = tonumber(oldest[2]) + window - now
            if w > wait then wait = w end
          end
          i = i + 2
        end
        if wait > 0 then return wait end
        redis.call('ZADD', KEYS[1], now, ARGV[3])
        redis.call('PEXPIRE', KEYS[1], longest)
        return 0
        """;
}
