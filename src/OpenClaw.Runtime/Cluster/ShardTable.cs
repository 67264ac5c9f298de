using StackExchange.Redis;

namespace OpenClaw.Runtime.Cluster;

/// <summary>
/// This process's view of shard ownership: the owner address of every shard (read from the leases, for routing) and,
/// in a silo, until when it may serve the shards it holds (its lease renewed minus a safety margin, on a monotonic clock).
/// </summary>
internal sealed class ShardTable(ClusterKeys keys, IConnectionMultiplexer redis) : IShardOwnership, IDisposable
{
    private readonly long[] servingUntil = new long[ShardMap.Count];
    private readonly SemaphoreSlim refreshSignal = new(0, 1);
    private Uri?[] owners = new Uri?[ShardMap.Count];
    private TaskCompletionSource changed = NewSignal();

    public bool IsServing(int shard) => Volatile.Read(ref servingUntil[shard]) > Environment.TickCount64;

    public Uri? OwnerOf(int shard) => Volatile.Read(ref owners)[shard];

    public void ReportStale(int shard) => RequestRefresh();

    public async Task WaitForChangeAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref changed).Task;
        await Task.WhenAny(signal, Task.Delay(maxWait, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Lets this silo serve a shard until the given monotonic time (ms).</summary>
    public void Serve(int shard, long untilTickMs) => Volatile.Write(ref servingUntil[shard], untilTickMs);

    /// <summary>Stops serving a shard at once.</summary>
    public void StopServing(int shard) => Volatile.Write(ref servingUntil[shard], 0);

    public void RequestRefresh()
    {
        if (refreshSignal.CurrentCount == 0)
        {
            try
            {
                refreshSignal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Someone else already asked.
            }
        }
    }

    /// <summary>Refreshes every second, and at once when asked (a misrouted call or a cluster event).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Keep the last known table; callers retry.
            }

            try
            {
                await refreshSignal.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RefreshAsync()
    {
        var db = redis.GetDatabase();
        var leaseKeys = Enumerable.Range(0, ShardMap.Count).Select(s => (RedisKey)keys.Lease(s)).ToArray();
        var leasesTask = db.StringGetAsync(leaseKeys);
        var membersTask = db.HashGetAllAsync(keys.Members);
        var leases = await leasesTask.ConfigureAwait(false);
        var members = await membersTask.ConfigureAwait(false);
        var addresses = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var entry in members)
        {
            if (SiloRecord.FromJson(entry.Value!) is { Status: SiloStatus.Active } record && Uri.TryCreate(record.Address, UriKind.Absolute, out var uri))
            {
                addresses[record.SiloId] = uri;
            }
        }

        var next = new Uri?[ShardMap.Count];
        for (var shard = 0; shard < ShardMap.Count; shard++)
        {
            if (LeaseOwner(leases[shard]) is { } silo && addresses.TryGetValue(silo, out var uri))
            {
                next[shard] = uri;
            }
        }

        var previous = Interlocked.Exchange(ref owners, next);
        if (!previous.AsSpan().SequenceEqual(next, UriComparer.Instance))
        {
            Interlocked.Exchange(ref changed, NewSignal()).TrySetResult();
        }
    }

    /// <summary>The silo id in a lease value <c>{siloId}|{epoch}</c>.</summary>
    public static string? LeaseOwner(RedisValue lease)
    {
        if (lease.IsNull)
        {
            return null;
        }

        var text = (string)lease!;
        var bar = text.LastIndexOf('|');
        return bar > 0 ? text[..bar] : null;
    }

    public void Dispose() => refreshSignal.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Compares owner addresses by value.</summary>
internal sealed class UriComparer : IEqualityComparer<Uri?>
{
    public static readonly UriComparer Instance = new();

    public bool Equals(Uri? x, Uri? y) => x == y;

    public int GetHashCode(Uri? obj) => obj?.GetHashCode() ?? 0;
}
