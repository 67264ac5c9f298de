using System.Globalization;
using OpenClaw.TestSupport;

namespace OpenClaw.Silo.Tests.Cluster;

/// <summary>
/// Silo processes forming one Orleans cluster on one Redis: the environment Aspire injects (providers keyed
/// "redis", ServiceId, ClusterId), a fresh ServiceId/ClusterId per instance so clusters sharing a Redis never
/// see each other's members, state or reminders, and any extra settings (membership, shop schedule).
/// Disposing kills every silo it started.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    /// <summary>Time a silo gets to become healthy (start, connect to Redis, join the membership table).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Orleans 10's own <c>ClusterMembershipOptions</c> defaults (ProbeTimeout 5 s, NumMissedProbesLimit 3,
    /// TableRefreshTimeout 60 s, DeathVoteExpirationTimeout 2 min), set explicitly to undo OpenClaw's tightening.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OrleansDefaultMembership = new Dictionary<string, string>
    {
        ["Orleans__Membership__ProbeTimeout"] = "00:00:05",
        ["Orleans__Membership__NumMissedProbesLimit"] = "3",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:01:00",
        ["Orleans__Membership__DeathVoteExpirationTimeout"] = "00:02:00",
    };

    private readonly List<SiloProcess> silos = [];
    private readonly Dictionary<string, string> settings;
    private int started;

    /// <summary>A cluster (no silo started yet) on the Redis at <paramref name="redisConnectionString"/>.</summary>
    /// <param name="redisConnectionString">StackExchange.Redis connection string (<c>ConnectionStrings__redis</c>).</param>
    /// <param name="settings">Extra environment variables for every silo; they win over the defaults.</param>
    public SiloCluster(string redisConnectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        RedisConnectionString = redisConnectionString;
        var id = Guid.NewGuid().ToString("N")[..10];
        ServiceId = "openclaw-test-" + id;
        ClusterId = "cluster-" + id;
        this.settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
    }

    /// <summary>
    /// Called with every line every silo writes (stdout and stderr), whatever <see cref="SiloProcess.Output"/> keeps:
    /// the fault suite's security sweep scans all of it for credentials.
    /// </summary>
    public Action<string>? OutputLine { get; init; }

    /// <summary>Redis connection string shared by the silos.</summary>
    public string RedisConnectionString { get; }

    /// <summary>Orleans ServiceId: prefix of every Redis key the cluster writes.</summary>
    public string ServiceId { get; }

    /// <summary>Orleans ClusterId.</summary>
    public string ClusterId { get; }

    /// <summary>Every silo started so far, including those that have exited.</summary>
    public IReadOnlyList<SiloProcess> Silos => silos;

    /// <summary>Silos whose process still runs.</summary>
    public IEnumerable<SiloProcess> Running => silos.Where(s => !s.HasExited);

    /// <summary>The environment every silo of this cluster starts with (before its own ports).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = RedisConnectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ServiceId,
            ["Orleans__Clustering__ProviderType"] = "Redis",
            ["Orleans__Clustering__ServiceKey"] = "redis",
            ["Orleans__GrainStorage__Default__ProviderType"] = "Redis",
            ["Orleans__GrainStorage__Default__ServiceKey"] = "redis",
            ["Orleans__Reminders__ProviderType"] = "Redis",
            ["Orleans__Reminders__ServiceKey"] = "redis",
            // Quiet enough to keep in memory, loud enough to explain a failure.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__OpenClaw"] = "Information",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = string.Empty,
            // TikTok settings are required; tests that sync point them at a simulator through the cluster's settings.
            ["TikTokShop__AppKey"] = "test-app",
            ["TikTokShop__AppSecret"] = "test-secret",
            ["TikTokShop__ServiceId"] = "7000000000000000001",
            ["TikTokShop__ApiBaseUrl"] = "http://127.0.0.1:9",
            ["TikTokShop__AuthBaseUrl"] = "http://127.0.0.1:9",
            ["TikTokShop__AuthorizeBaseUrl"] = "http://127.0.0.1:9",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in settings)
        {
            env[key] = value;
        }

        return env;
    }

    /// <summary>Starts one more silo and waits until it is healthy (Active in the cluster).</summary>
    /// <remarks>
    /// A process the .NET runtime itself crashed before it wrote a single line (killed by a signal nobody sent, e.g.
    /// exit code 139 = SIGSEGV) is replaced once by a fresh one: seen once in a CI run on this machine type, with no
    /// output at all, so before any OpenClaw or Orleans code logged. So is one whose port was taken between
    /// <c>FreePort</c>'s check and its own bind ("Address already in use", seen once in CI's redis-server pass while the
    /// AppHost test's resources took ports beside it); the fresh one gets other ports. A silo that fails otherwise in
    /// OpenClaw's or Orleans' startup writes the exception first, and that failure is still thrown.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The silo exited or stayed unhealthy (the message carries its output).</exception>
    public async Task<SiloProcess> StartSiloAsync(CancellationToken cancellationToken = default)
    {
        var silo = StartOne();
        try
        {
            await silo.WaitHealthyAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
            return silo;
        }
        catch (InvalidOperationException) when (silo.ExitCode is > 128 && (silo.Output.Length == 0 || PortTaken(silo)))
        {
            OutputLine?.Invoke($"{silo.Name} failed at start (exit code {silo.ExitCode}, {(PortTaken(silo) ? "its port was taken" : "no output")}); starting a fresh silo");
        }

        var fresh = StartOne();
        await fresh.WaitHealthyAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
        return fresh;
    }

    private static bool PortTaken(SiloProcess silo) => silo.Output.Contains("AddressInUseException", StringComparison.Ordinal);

    private SiloProcess StartOne()
    {
        var name = "silo-" + Interlocked.Increment(ref started).ToString(CultureInfo.InvariantCulture);
        var silo = SiloProcess.Start(name, Environment(), OutputLine);
        silos.Add(silo);
        return silo;
    }

    /// <summary>Starts <paramref name="count"/> silos one after another (each joins a running cluster).</summary>
    public async Task<IReadOnlyList<SiloProcess>> StartSilosAsync(int count, CancellationToken cancellationToken = default)
    {
        var list = new List<SiloProcess>();
        for (var i = 0; i < count; i++)
        {
            list.Add(await StartSiloAsync(cancellationToken).ConfigureAwait(false));
        }

        return list;
    }

    /// <summary>The running silo whose address is <paramref name="siloIdentity"/> (a <c>ShopSnapshot.Silo</c>).</summary>
    public SiloProcess HostOf(string siloIdentity) =>
        Running.SingleOrDefault(s => s.Hosts(siloIdentity))
        ?? throw new InvalidOperationException($"no running silo is {siloIdentity}; running: {string.Join(", ", Running)}");

    /// <summary>Opens an Orleans client to this cluster (gateways from the Redis membership table).</summary>
    public Task<OrleansClient> ConnectClientAsync(TimeSpan responseTimeout, CancellationToken cancellationToken = default) =>
        OrleansClient.ConnectAsync(RedisConnectionString, ClusterId, ServiceId, responseTimeout, gatewayPort: null, cancellationToken);

    /// <summary>Opens an Orleans client whose only gateway is <paramref name="gateway"/>.</summary>
    public Task<OrleansClient> ConnectClientAsync(SiloProcess gateway, TimeSpan responseTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return OrleansClient.ConnectAsync(RedisConnectionString, ClusterId, ServiceId, responseTimeout, gateway.GatewayPort, cancellationToken);
    }

    /// <summary>The output of every silo, for a failure message.</summary>
    public string DescribeSilos() =>
        string.Join("\n\n", silos.Select(s => $"--- {s} exit={s.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "running"}\n{s.Tail(40)}"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in silos)
        {
            await silo.DisposeAsync().ConfigureAwait(false);
        }
    }
}
