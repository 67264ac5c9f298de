using System.Globalization;
using StackExchange.Redis;

namespace OpenClaw.Runtime.Cluster;

/// <summary>Lease operations on many shards in one Lua call each (one round trip per cluster round).</summary>
internal sealed class ShardLeases(ClusterKeys keys, IConnectionMultiplexer redis, string siloId)
{
    // For each free shard: bump its epoch and take the lease with a TTL. Returns the new epoch, or 0 when taken.
    private const string AcquireScript = """
        local n = #KEYS / 2
        local result = {}
        for i = 1, n do
          if redis.call('EXISTS', KEYS[i]) == 0 then
            local epoch = redis.call('INCR', KEYS[n + i])
            redis.call('SET', KEYS[i], ARGV[1] .. '|' .. epoch, 'PX', ARGV[2])
            result[i] = epoch
          else
            result[i] = 0
          end
        end
        return result
        """;

    // Extends leases still held with the same epoch. Returns 1 per renewed shard, 0 per lost one.
    private const string RenewScript = """
        local result = {}
        for i = 1, #KEYS do
          if redis.call('GET', KEYS[i]) == ARGV[i + 1] then
            redis.call('PEXPIRE', KEYS[i], ARGV[1])
            result[i] = 1
          else
            result[i] = 0
          end
        end
        return result
        """;

    private const string ReleaseScript = """
        local released = 0
        for i = 1, #KEYS do
          if redis.call('GET', KEYS[i]) == ARGV[i] then
            redis.call('DEL', KEYS[i])
            released = released + 1
          end
        end
        return released
        """;

    public string SiloId => siloId;

    /// <summary>Tries to take free shards; returns the epochs of those taken.</summary>
    public async Task<Dictionary<int, long>> AcquireAsync(IReadOnlyList<int> shards, TimeSpan ttl)
    {
        var taken = new Dictionary<int, long>();
        if (shards.Count == 0)
        {
            return taken;
        }

        var keyList = shards.Select(s => (RedisKey)keys.Lease(s)).Concat(shards.Select(s => (RedisKey)keys.Epoch(s))).ToArray();
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(AcquireScript, keyList, [siloId, Ms(ttl)]).ConfigureAwait(false))!;
        for (var i = 0; i < shards.Count; i++)
        {
            var epoch = (long)result[i];
            if (epoch > 0)
            {
                taken[shards[i]] = epoch;
            }
        }

        return taken;
    }

    /// <summary>Renews held leases; returns the shards whose lease was lost.</summary>
    public async Task<List<int>> RenewAsync(IReadOnlyDictionary<int, long> held, TimeSpan ttl)
    {
        var lost = new List<int>();
        if (held.Count == 0)
        {
            return lost;
        }

        var shards = held.Keys.ToArray();
        var values = new RedisValue[shards.Length + 1];
        values[0] = Ms(ttl);
        for (var i = 0; i < shards.Length; i++)
        {
            values[i + 1] = Value(held[shards[i]]);
        }

        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            RenewScript, [.. shards.Select(s => (RedisKey)keys.Lease(s))], values).ConfigureAwait(false))!;
        for (var i = 0; i < shards.Length; i++)
        {
            if ((long)result[i] == 0)
            {
                lost.Add(shards[i]);
            }
        }

        return lost;
    }

    /// <summary>Deletes leases this silo still holds.</summary>
    public Task ReleaseAsync(IReadOnlyDictionary<int, long> shards) =>
        shards.Count == 0
            ? Task.CompletedTask
            : redis.GetDatabase().ScriptEvaluateAsync(
                ReleaseScript, [.. shards.Keys.Select(s => (RedisKey)keys.Lease(s))], [.. shards.Values.Select(Value)]);

    private string Value(long epoch) => siloId + "|" + epoch.ToString(CultureInfo.InvariantCulture);

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;
}
