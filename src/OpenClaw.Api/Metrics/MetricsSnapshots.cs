using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OpenClaw.Api.Metrics;

/// <summary>
/// Shared tenant-wide metrics results (overview, comparison) in this API process: one computation per (tenant, query)
/// at a time, whose result every reader of that query reuses; stale-while-revalidate within
/// <see cref="MetricsCacheOptions.MaxStale"/>; at most <see cref="MetricsCacheOptions.MaxConcurrentComputations"/>
/// computations at once, so heavy reads cannot take every Redis round trip and thread from the light endpoints.
/// </summary>
/// <remarks>
/// A result younger than <see cref="MetricsCacheOptions.FreshFor"/> is served as is; older but within
/// <see cref="MetricsCacheOptions.MaxStale"/> it is served at once while one refresh runs in the background; older
/// still, or after <see cref="Invalidate"/>, readers wait for a new computation (joining one already running since).
/// A background refresh that fails is logged and the last result stays in use until it is too old.
/// </remarks>
public sealed partial class MetricsSnapshots(IOptions<MetricsCacheOptions> options, TimeProvider time, ILogger<MetricsSnapshots> logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string Tenant, string Query), Entry> entries = new();
    private readonly SemaphoreSlim gate = new(options.Value.MaxConcurrentComputations);
    private long computations;

    /// <summary>Computations started since the process started (each reads Redis once).</summary>
    public long Computations => Interlocked.Read(ref computations);

    /// <summary>
    /// The shared result of <paramref name="query"/> for <paramref name="tenantId"/>: the last one when fresh enough,
    /// else the result of the computation running (or started) now.
    /// </summary>
    /// <param name="tenantId">The tenant (its shops' writes through this API invalidate its results).</param>
    /// <param name="query">Everything else that makes the result: kind, range, filters.</param>
    /// <param name="compute">Reads the result; runs once for all concurrent readers, never cancelled by one of them.</param>
    /// <param name="serialize">The response body of a result and the time its computation started.</param>
    /// <param name="cancellationToken">Stops this reader's wait, not the computation.</param>
    /// <exception cref="Exception">Whatever <paramref name="compute"/> threw, to every reader waiting for it.</exception>
    public Task<MetricsSnapshot<T>> GetAsync<T>(string tenantId, string query, Func<Task<T>> compute,
        Func<T, DateTimeOffset, byte[]> serialize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compute);
        return GetAsync<T>(tenantId, query, _ => compute(), serialize, cancellationToken);
    }

    /// <summary>
    /// As <see cref="GetAsync{T}(string, string, Func{Task{T}}, Func{T, DateTimeOffset, byte[]}, CancellationToken)"/>,
    /// with <paramref name="compute"/> given the result it replaces (null at first, kept across
    /// <see cref="Invalidate"/>), so a refresh can reuse what it knows is unchanged.
    /// </summary>
    public async Task<MetricsSnapshot<T>> GetAsync<T>(string tenantId, string query, Func<MetricsSnapshot<T>?, Task<T>> compute,
        Func<T, DateTimeOffset, byte[]> serialize, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var key = (tenantId, query);
        var entry = entries.GetOrAdd(key, _ => new Entry());
        if (entries.Count > o.Capacity)
        {
            Sweep(o.MaxStale);
        }

        Task<Stored> wait;
        lock (entry)
        {
            if (entry.Value is { } v && v.Generation == entry.Generation)
            {
                var age = time.GetUtcNow() - v.Snapshot.ComputedAt;
                if (age < o.MaxStale)
                {
                    if (age >= o.FreshFor && entry.Refresh is null)
                    {
                        var refresh = entry.Refresh = Start(entry, compute, serialize);
                        _ = refresh.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }

                    return (MetricsSnapshot<T>)v.Snapshot;
                }
            }

            wait = entry.Refresh ??= Start(entry, compute, serialize);
        }

        return (MetricsSnapshot<T>)(await wait.WaitAsync(cancellationToken).ConfigureAwait(false)).Snapshot;
    }

    /// <summary>
    /// Marks every result of <paramref name="tenantId"/> as outdated (after a write to one of its shops): the next
    /// reader waits for a computation started after this call.
    /// </summary>
    public void Invalidate(string tenantId)
    {
        foreach (var (key, entry) in entries)
        {
            if (key.Tenant == tenantId)
            {
                lock (entry)
                {
                    entry.Generation++;
                    entry.Refresh = null;
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();

    // Called under the entry's lock: the computation runs on the thread pool behind the gate.
    private Task<Stored> Start<T>(Entry entry, Func<MetricsSnapshot<T>?, Task<T>> compute, Func<T, DateTimeOffset, byte[]> serialize)
    {
        var generation = entry.Generation;
        var previous = entry.Value?.Snapshot as MetricsSnapshot<T>;
        var done = new TaskCompletionSource<Stored>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                var started = time.GetUtcNow();
                Interlocked.Increment(ref computations);
                var value = await compute(previous).ConfigureAwait(false);
                var stored = new Stored(new MetricsSnapshot<T>(value, started, serialize), generation);
                lock (entry)
                {
                    if (entry.Value is null || entry.Value.Snapshot.ComputedAt <= started)
                    {
                        entry.Value = stored;
                    }

                    if (entry.Refresh == done.Task)
                    {
                        entry.Refresh = null;
                    }
                }

                done.SetResult(stored);
            }
            catch (Exception ex)
            {
                lock (entry)
                {
                    if (entry.Refresh == done.Task)
                    {
                        entry.Refresh = null;
                    }
                }

                LogComputationFailed(logger, ex);
                done.SetException(ex);
            }
            finally
            {
                gate.Release();
            }
        });
        return done.Task;
    }

    // Past capacity: drops results too old to serve that no computation is refreshing.
    private void Sweep(TimeSpan maxStale)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in entries)
        {
            lock (entry)
            {
                if (entry.Refresh is null && (entry.Value is null || now - entry.Value.Snapshot.ComputedAt >= maxStale))
                {
                    entries.TryRemove(key, out _);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A shared metrics computation failed")]
    private static partial void LogComputationFailed(ILogger logger, Exception exception);

    private sealed record Stored(IMetricsSnapshot Snapshot, long Generation);

    private sealed class Entry
    {
        public Stored? Value { get; set; }

        public Task<Stored>? Refresh { get; set; }

        public long Generation { get; set; }
    }
}
