using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace OpenClaw.Silo.Tests.Cluster;

/// <summary>
/// Reads (and, for conflict tests, rewrites) a shop's state where Orleans' Redis grain storage keeps it — without
/// calling the grain, which would activate it. Layout (Orleans.Persistence.Redis 10.4.2, default key function):
/// hash <c>{ServiceId}/state/shop/{shopId}/shop</c> = grain id <c>shop/{shopId}</c> + state name <c>shop</c>, with
/// fields <c>etag</c> and <c>data</c> (Newtonsoft JSON with a leading <c>$type</c>).
/// </summary>
public static class StoredShop
{
    /// <summary>The Redis key of a shop's state.</summary>
    public static RedisKey Key(string serviceId, string shopId) => $"{serviceId}/state/shop/{shopId}/shop";

    /// <summary>The stored state as JSON, or null when nothing is stored.</summary>
    public static async Task<JsonObject?> ReadAsync(IDatabase redis, string serviceId, string shopId)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var data = await redis.HashGetAsync(Key(serviceId, shopId), "data").ConfigureAwait(false);
        return data.IsNullOrEmpty ? null : JsonNode.Parse(data.ToString())!.AsObject();
    }

    /// <summary>The stored etag, or null.</summary>
    public static async Task<string?> ReadETagAsync(IDatabase redis, string serviceId, string shopId)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var etag = await redis.HashGetAsync(Key(serviceId, shopId), "etag").ConfigureAwait(false);
        return etag.IsNullOrEmpty ? null : etag.ToString();
    }

    /// <summary>The stored <c>Revision</c>, or null when nothing is stored.</summary>
    public static async Task<long?> ReadRevisionAsync(IDatabase redis, string serviceId, string shopId) =>
        (await ReadAsync(redis, serviceId, shopId).ConfigureAwait(false))?["Revision"]?.GetValue<long>();

    /// <summary>The stored <c>LastReminderAt</c>, or null when the reminder never fired.</summary>
    public static async Task<DateTimeOffset?> ReadLastReminderAtAsync(IDatabase redis, string serviceId, string shopId) =>
        (await ReadAsync(redis, serviceId, shopId).ConfigureAwait(false))?["LastReminderAt"] is { } value
            ? DateTimeOffset.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// Writes the state as another writer would (a second activation, an operator script): new data and a new
    /// etag, so the grain's etag is stale. Keeps the two fields Orleans expects.
    /// </summary>
    public static async Task OverwriteAsync(IDatabase redis, string serviceId, string shopId, JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(state);
        await redis.HashSetAsync(Key(serviceId, shopId),
        [
            new HashEntry("etag", Guid.NewGuid().ToString("N")),
            new HashEntry("data", state.ToJsonString()),
        ]).ConfigureAwait(false);
    }
}
