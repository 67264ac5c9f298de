using StackExchange.Redis;

namespace OpenClaw.Runtime.Tests.Support;

/// <summary>Reads a cluster's shard leases straight from Redis.</summary>
public static class ClusterProbe
{
    /// <summary>Waits until every shard has an owner and exactly <paramref name="silos"/> silos own shards.</summary>
    public static async Task WaitForBalanceAsync(IConnectionMultiplexer redis, string serviceId, int silos, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var owners = await OwnersAsync(redis, serviceId);
            if (owners.All(o => o is not null) && owners.Distinct().Count() == silos)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"cluster did not balance over {silos} silos");
            await Task.Delay(100);
        }
    }

    /// <summary>The silo id owning each shard (null when free).</summary>
    public static async Task<string?[]> OwnersAsync(IConnectionMultiplexer redis, string serviceId)
    {
        var keys = Enumerable.Range(0, 256).Select(s => (RedisKey)$"{serviceId}/cluster/test/lease/{s}").ToArray();
        var values = await redis.GetDatabase().StringGetAsync(keys);
        return [.. values.Select(v => v.IsNull ? null : ((string)v!)[..((string)v!).LastIndexOf('|')])];
    }
}
