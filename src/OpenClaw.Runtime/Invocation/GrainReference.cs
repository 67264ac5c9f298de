using OpenClaw.Runtime.Activation;
using OpenClaw.Runtime.Cluster;

namespace OpenClaw.Runtime.Invocation;

/// <summary>What a proxy points at: an interface, a key, its shard and the router that delivers calls.</summary>
internal sealed class GrainReference(IGrainCallRouter router, GrainInterface grainInterface, string key)
{
    public IGrainCallRouter Router { get; } = router;

    public GrainInterface Interface { get; } = grainInterface;

    public string Key { get; } = key;

    public int Shard { get; } = ShardMap.ShardOf(key);

    /// <summary>The local activation last used by this reference; checked for liveness before reuse (silo only).</summary>
    public GrainActivation? CachedActivation { get; set; }
}

/// <summary>Delivers a call made on a grain reference (locally or to the owning silo).</summary>
internal interface IGrainCallRouter
{
    /// <summary>A call made on a reference: outgoing filters, then delivery.</summary>
    Task<T> InvokeAsync<T>(GrainReference reference, GrainMethod<T> method, object?[] args);

    /// <summary>Delivery only: for calls that arrived from another process or are forwarded after a deactivation.</summary>
    Task<T> RouteAsync<T>(GrainReference reference, GrainMethod<T> method, object?[] args);
}
