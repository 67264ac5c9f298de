namespace OpenClaw.Runtime.Hosting;

/// <summary>Runtime settings; bound from the <c>Orleans</c> configuration section where Orleans has the same key.</summary>
public sealed class OpenClawRuntimeOptions
{
    /// <summary><c>Orleans:ServiceId</c>: first segment of every Redis key; stable across deployments.</summary>
    public string ServiceId { get; set; } = "openclaw";

    /// <summary><c>Orleans:ClusterId</c>: silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "default";

    /// <summary><c>Orleans:Clustering:ProviderType</c>: <c>Redis</c> for a cluster; anything else (or unset) runs a single silo in-process.</summary>
    public string? ClusteringProvider { get; set; }

    /// <summary>Whether membership and shard leases live in Redis.</summary>
    public bool IsClustered => string.Equals(ClusteringProvider, "Redis", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>Orleans:Endpoints:SiloPort</c>: the HTTP/2 (h2c) port for grain calls.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary><c>Orleans:Endpoints:AdvertisedIPAddress</c>: the host peers use to reach this silo.</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Bind the silo port to loopback only (tests, single machine).</summary>
    public bool ListenOnLoopbackOnly { get; set; }

    /// <summary>Default idle time before an activation is collected (Orleans: 15 minutes).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Idle ages per grain type name or class full name (overrides the attribute).</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; } = new(StringComparer.Ordinal);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Limit for reading state and <c>OnActivateAsync</c>.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for <c>OnDeactivateAsync</c>.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a caller keeps trying to reach the owner of a grain (Orleans' ResponseTimeout).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shard lease time-to-live; a killed silo's shards are free after at most this long.</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Interval of the membership/placement round (heartbeat, renew, acquire, balance).</summary>
    public TimeSpan ClusterRoundInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A silo whose heartbeat is older than this is not given shards.</summary>
    public TimeSpan SiloDeadAfter { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Smallest reminder period (Orleans: 1 minute). Lower it only in tests.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each silo looks for due reminders.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Grain classes hosted by the silo.</summary>
    public List<Type> GrainClasses { get; } = [];
}
