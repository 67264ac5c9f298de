using System.Text.Json;
using System.Text.Json.Serialization;
using OpenClaw.Runtime.Hosting;

namespace OpenClaw.Runtime.Cluster;

/// <summary>Redis keys of one cluster, under <c>{ServiceId}/cluster/{ClusterId}/</c>.</summary>
internal sealed class ClusterKeys(OpenClawRuntimeOptions options)
{
    private readonly string prefix = options.ServiceId + "/cluster/" + options.ClusterId + "/";

    /// <summary>Hash: silo id → <see cref="SiloRecord"/> JSON.</summary>
    public string Members => prefix + "members";

    /// <summary>Pub/sub channel announcing shard moves and silo stops.</summary>
    public string Events => prefix + "events";

    /// <summary>String <c>{siloId}|{epoch}</c> with a TTL: who owns the shard.</summary>
    public string Lease(int shard) => prefix + "lease/" + shard;

    /// <summary>Counter incremented on every acquisition: the shard's fencing epoch.</summary>
    public string Epoch(int shard) => prefix + "epoch/" + shard;
}

/// <summary>Status of a silo in the membership table.</summary>
internal enum SiloStatus
{
    Active,
    ShuttingDown,
}

/// <summary>One membership row: silo id, address, status and last heartbeat.</summary>
internal sealed record SiloRecord(
    [property: JsonPropertyName("siloId")] string SiloId,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("status")] SiloStatus Status,
    [property: JsonPropertyName("heartbeat")] long HeartbeatUnixMs,
    [property: JsonPropertyName("started")] long StartedUnixMs)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SiloRecord? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SiloRecord>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
