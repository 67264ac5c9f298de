namespace OpenClaw.Runtime.Cluster;

/// <summary>Grain key → shard: a stable FNV-1a hash of the key's UTF-16 code units modulo <see cref="Count"/>.</summary>
/// <remarks>Only the key is hashed, so grains of different types with the same key (one shop) share a shard and a silo.</remarks>
public static class ShardMap
{
    /// <summary>Number of shards; changing it moves every grain, so it is fixed for a cluster.</summary>
    public const int Count = 256;

    /// <summary>The shard of a grain key.</summary>
    public static int ShardOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }
}
