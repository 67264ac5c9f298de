namespace OpenClaw.Runtime.Cluster;

/// <summary>Where each shard lives, as seen by this process.</summary>
internal interface IShardOwnership
{
    /// <summary>True when this silo holds a valid lease on the shard and may run its grains.</summary>
    bool IsServing(int shard);

    /// <summary>The base address of the silo that owns the shard, or null when it has no owner right now.</summary>
    Uri? OwnerOf(int shard);

    /// <summary>A call reached a silo that no longer owns the shard or could not be delivered: look again soon.</summary>
    void ReportStale(int shard);

    /// <summary>Completes when the table changes or <paramref name="maxWait"/> passes.</summary>
    Task WaitForChangeAsync(TimeSpan maxWait, CancellationToken cancellationToken);
}

/// <summary>Single-process mode: this silo owns every shard, forever.</summary>
internal sealed class LocalShardOwnership : IShardOwnership
{
    public bool IsServing(int shard) => true;

    public Uri? OwnerOf(int shard) => null;

    public void ReportStale(int shard)
    {
    }

    public Task WaitForChangeAsync(TimeSpan maxWait, CancellationToken cancellationToken) => Task.Delay(maxWait, cancellationToken);
}
