using Microsoft.Extensions.Logging;
using OpenClaw.Runtime.Activation;
using OpenClaw.Runtime.Hosting;
using OpenClaw.Runtime.Telemetry;
using StackExchange.Redis;

namespace OpenClaw.Runtime.Cluster;

/// <summary>
/// The silo's membership and placement loop. Each round: heartbeat, renew held leases (every third of the TTL), read
/// members and leases, take free shards this silo should own (rendezvous hashing over live silos), and hand over
/// shards another live silo should own. A lost lease stops serving at once; a handover deactivates the shard's grains
/// (flushing state) before deleting the lease and announcing it on pub/sub so the new owner takes it immediately.
/// </summary>
internal sealed partial class ShardBalancer : IDisposable
{
    private static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ForgetSiloAfter = TimeSpan.FromMinutes(1);
    private const int FreeRoundsBeforeAnyoneTakes = 3;
    private const int MaxHandoversPerRound = 64;

    private readonly OpenClawRuntimeOptions options;
    private readonly ClusterKeys keys;
    private readonly IConnectionMultiplexer redis;
    private readonly ShardTable table;
    private readonly ShardLeases leases;
    private readonly SiloRuntime silo;
    private readonly TimeProvider clock;
    private readonly Dictionary<int, long> held = [];
    private readonly int[] freeRounds = new int[ShardMap.Count];
    private readonly SemaphoreSlim roundLock = new(1, 1);
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly long startedUnixMs;
    private long lastHeartbeat = long.MinValue / 2;
    private long lastRenew = long.MinValue / 2;
    private bool stopping;

    public ShardBalancer(OpenClawRuntimeOptions options, ClusterKeys keys, IConnectionMultiplexer redis, ShardTable table, SiloRuntime silo, TimeProvider clock)
    {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.table = table;
        this.silo = silo;
        this.clock = clock;
        SiloId = $"{options.AdvertisedHost}:{options.SiloPort}@{Guid.NewGuid():N}";
        Address = new Uri($"http://{options.AdvertisedHost}:{options.SiloPort}/");
        leases = new ShardLeases(keys, redis, SiloId);
        startedUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public string SiloId { get; }

    public Uri Address { get; }

    /// <summary>Shards held right now (for tests and diagnostics).</summary>
    public int HeldCount
    {
        get
        {
            lock (held)
            {
                return held.Count;
            }
        }
    }

    /// <summary>Registers in membership, subscribes to cluster events and runs the first round.</summary>
    public async Task JoinAsync()
    {
        await redis.GetSubscriber().SubscribeAsync(keys.Events, (_, _) => Wake()).ConfigureAwait(false);
        await RoundAsync().ConfigureAwait(false);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watchdog = WatchLapsesAsync(cancellationToken);
        await RunRoundsAsync(cancellationToken).ConfigureAwait(false);
        await watchdog.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Independent of the rounds, which may hang on an unreachable Redis: shards whose serving time has passed are
    /// dropped and their grains deactivated within a fraction of a second.
    /// </summary>
    private async Task WatchLapsesAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            DropLapsedShards();
        }
    }

    private async Task RunRoundsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await wake.WaitAsync(options.ClusterRoundInterval, cancellationToken).ConfigureAwait(false);
                await RoundAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                silo.Log.ClusterRoundFailed(ex);
            }
        }
    }

    /// <summary>Graceful leave: stop serving, deactivate every grain (flushing state), release leases, announce.</summary>
    public async Task LeaveAsync()
    {
        await roundLock.WaitAsync().ConfigureAwait(false);
        try
        {
            stopping = true;
            await BestEffortAsync(() => WriteMembershipAsync(SiloStatus.ShuttingDown)).ConfigureAwait(false);
            Dictionary<int, long> all;
            lock (held)
            {
                all = new Dictionary<int, long>(held);
            }

            foreach (var shard in all.Keys)
            {
                table.StopServing(shard);
            }

            await silo.Catalog.DeactivateAsync(_ => true, new DeactivationReason(DeactivationReasonCode.ShuttingDown, "silo stopping")).ConfigureAwait(false);
            // Without Redis the leases simply expire; the grains above are already deactivated either way.
            await BestEffortAsync(() => leases.ReleaseAsync(all)).ConfigureAwait(false);
            lock (held)
            {
                held.Clear();
            }

            RuntimeTelemetry.ShardMoves.Add(all.Count, new KeyValuePair<string, object?>("direction", "released"));
            await BestEffortAsync(() => redis.GetDatabase().HashDeleteAsync(keys.Members, SiloId)).ConfigureAwait(false);
            await BestEffortAsync(AnnounceAsync).ConfigureAwait(false);
            silo.Log.ShardsReleased(SiloId, all.Count, "shutdown");
        }
        finally
        {
            roundLock.Release();
        }
    }

    public void Dispose()
    {
        roundLock.Dispose();
        wake.Dispose();
    }

    private async Task BestEffortAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            silo.Log.ClusterRoundFailed(ex);
        }
    }

    private void Wake()
    {
        table.RequestRefresh();
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    private Task<long> AnnounceAsync() => redis.GetSubscriber().PublishAsync(keys.Events, SiloId);

    private Task<bool> WriteMembershipAsync(SiloStatus status) =>
        redis.GetDatabase().HashSetAsync(
            keys.Members,
            SiloId,
            new SiloRecord(SiloId, Address.ToString(), status, clock.GetUtcNow().ToUnixTimeMilliseconds(), startedUnixMs).ToJson());

    private void Serve(int shard, long renewedAtTick) =>
        table.Serve(shard, renewedAtTick + (long)(options.LeaseTtl - SafetyMargin).TotalMilliseconds);
}
