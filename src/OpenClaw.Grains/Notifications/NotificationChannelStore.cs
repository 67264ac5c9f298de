using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace OpenClaw.Grains.Notifications;

/// <summary>Where a tenant's channels live.</summary>
public interface INotificationChannelStore
{
    /// <summary>Saves (creates or replaces) a channel; its URL and secret are encrypted first.</summary>
    Task SaveAsync(NotificationChannel channel);

    /// <summary>The channel with secrets decrypted, or null.</summary>
    Task<NotificationChannel?> GetAsync(string tenantId, string channelId);

    /// <summary>Removes a channel; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string tenantId, string channelId);

    /// <summary>Every channel of the tenant with secrets decrypted (at most <see cref="RedisNotificationChannelStore.MaxChannelsPerTenant"/>), ordered by id.</summary>
    Task<IReadOnlyList<NotificationChannel>> ListAsync(string tenantId);

    /// <summary>The ids of the tenant's channels, ordered (nothing is decrypted).</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(string tenantId);
}

/// <summary>
/// Channels in one Redis hash per tenant (<c>{prefix}channels:{tenant}</c>, field = channel id, value = JSON of
/// <see cref="StoredNotificationChannel"/> with URL and secret as Data Protection ciphertext). Bounded by
/// <see cref="MaxChannelsPerTenant"/>.
/// </summary>
public sealed class RedisNotificationChannelStore(IConnectionMultiplexer redis, ChannelSecretProtector protector, NotificationOptions options)
    : INotificationChannelStore
{
    /// <summary>Most channels per tenant.</summary>
    public const int MaxChannelsPerTenant = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <inheritdoc />
    public async Task SaveAsync(NotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var db = redis.GetDatabase();
        var key = Key(channel.TenantId);
        if (!await db.HashExistsAsync(key, channel.ChannelId).ConfigureAwait(false)
            && await db.HashLengthAsync(key).ConfigureAwait(false) >= MaxChannelsPerTenant)
        {
            throw new InvalidOperationException($"a tenant can have at most {MaxChannelsPerTenant} channels");
        }

        await db.HashSetAsync(key, channel.ChannelId, JsonSerializer.Serialize(protector.Protect(channel), Json)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<NotificationChannel?> GetAsync(string tenantId, string channelId)
    {
        var value = await redis.GetDatabase().HashGetAsync(Key(tenantId), channelId).ConfigureAwait(false);
        return value.IsNullOrEmpty ? null : protector.Unprotect(JsonSerializer.Deserialize<StoredNotificationChannel>((string)value!, Json)!);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string tenantId, string channelId) => redis.GetDatabase().HashDeleteAsync(Key(tenantId), channelId);

    /// <inheritdoc />
    public async Task<IReadOnlyList<NotificationChannel>> ListAsync(string tenantId)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(Key(tenantId)).ConfigureAwait(false);
        return [.. entries.OrderBy(e => (string)e.Name!, StringComparer.Ordinal)
            .Select(e => protector.Unprotect(JsonSerializer.Deserialize<StoredNotificationChannel>((string)e.Value!, Json)!))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListIdsAsync(string tenantId)
    {
        var ids = await redis.GetDatabase().HashKeysAsync(Key(tenantId)).ConfigureAwait(false);
        return [.. ids.Select(i => (string)i!).Order(StringComparer.Ordinal)];
    }

    private RedisKey Key(string tenantId) => options.KeyPrefix + "channels:" + tenantId;
}
