using StackExchange.Redis;

namespace OpenClaw.Grains.ReadModels;

/// <summary>
/// Per-tenant index of shop ids in Redis (a set under <see cref="Key"/>), written only by the tenant's grain, read by
/// cross-shop queries (overview, compare) together with <see cref="ShopReadModel"/> (ARCHITECTURE §3).
/// </summary>
public sealed class TenantIndex(IConnectionMultiplexer redis)
{
    /// <summary>The Redis key of a tenant's shop set.</summary>
    public static string Key(string tenantId) => $"oc:{{t:{tenantId}}}:shops";

    /// <summary>Adds shops to the tenant's index.</summary>
    public Task AddAsync(string tenantId, IEnumerable<string> shopIds) =>
        redis.GetDatabase().SetAddAsync(Key(tenantId), [.. shopIds.Select(id => (RedisValue)id)]);

    /// <summary>The tenant's shop ids, sorted.</summary>
    public async Task<IReadOnlyList<string>> ReadAsync(string tenantId)
    {
        var members = await redis.GetDatabase().SetMembersAsync(Key(tenantId)).ConfigureAwait(false);
        return [.. members.Select(m => m.ToString()).Order(StringComparer.Ordinal)];
    }
}
