using System.Text.Json;
using System.Text.Json.Serialization;
using OpenClaw.Grains.Sync;
using StackExchange.Redis;

namespace OpenClaw.Grains.ReadModels;

/// <summary>
/// The shop summary read model (issue 9): the grain's <see cref="ShopSyncReport"/> as snake_case JSON under
/// <see cref="Key"/>, written as the grain works, so the API and dashboard list hundreds of shops with one pipelined
/// read instead of a call to every grain (ARCHITECTURE §3). Holds no token.
/// </summary>
public sealed class ShopReadModel(IConnectionMultiplexer redis)
{
    /// <summary>Least time between two writes of one shop's summary while it syncs (status changes are written at once).</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    /// <summary>The Redis key of a shop's summary (string, JSON).</summary>
    public static string Key(string shopId) => $"oc:{{s:{shopId}}}:summary";

    /// <summary>Writes the summary.</summary>
    public Task WriteAsync(ShopSyncReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return redis.GetDatabase().StringSetAsync(Key(report.Shop.ShopId), JsonSerializer.Serialize(report, ReadModelJson.Default.ShopSyncReport));
    }

    /// <summary>Reads summaries of many shops in one pipelined batch; a shop never written is left out.</summary>
    public async Task<IReadOnlyList<ShopSyncReport>> ReadAsync(IReadOnlyList<string> shopIds)
    {
        ArgumentNullException.ThrowIfNull(shopIds);
        var db = redis.GetDatabase();
        var values = await Task.WhenAll(shopIds.Select(id => db.StringGetAsync(Key(id)))).ConfigureAwait(false);
        return [.. values.Where(v => !v.IsNull).Select(v => JsonSerializer.Deserialize(v.ToString(), ReadModelJson.Default.ShopSyncReport)!)];
    }
}

/// <summary>Source-generated JSON of the read models (snake_case, enums as strings).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ShopSyncReport))]
public sealed partial class ReadModelJson : JsonSerializerContext;
