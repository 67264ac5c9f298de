using System.Text.Json;
using StackExchange.Redis;

namespace OpenClaw.Api.Access;

/// <summary>An agency tenant as the API knows it.</summary>
/// <param name="TenantId">Id (lower-case letters, digits and dashes, 3–64 characters).</param>
/// <param name="Name">Display name (may be Chinese).</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record TenantRecord(string TenantId, string Name, DateTimeOffset CreatedAt);

/// <summary>Tenants in Redis: one hash <c>oc:tenants</c> (id → JSON).</summary>
public sealed class TenantStore(IConnectionMultiplexer redis, TimeProvider time)
{
    /// <summary>Redis key of the tenant hash.</summary>
    public const string Key = "oc:tenants";

    /// <summary>Creates a tenant; null when the id is taken.</summary>
    public async Task<TenantRecord?> CreateAsync(string tenantId, string name)
    {
        var record = new TenantRecord(tenantId, name, time.GetUtcNow());
        var created = await redis.GetDatabase().HashSetAsync(Key, tenantId, JsonSerializer.Serialize(record), When.NotExists).ConfigureAwait(false);
        return created ? record : null;
    }

    /// <summary>The tenant, or null.</summary>
    public async Task<TenantRecord?> FindAsync(string tenantId)
    {
        var json = await redis.GetDatabase().HashGetAsync(Key, tenantId).ConfigureAwait(false);
        return json.IsNull ? null : JsonSerializer.Deserialize<TenantRecord>(json.ToString());
    }
}
