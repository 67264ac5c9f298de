using OpenClaw.Grains.Calls;
using System.Diagnostics;
using OpenClaw.Grains.Shops;

namespace OpenClaw.Silo.Tests.Cluster;

/// <summary>An acknowledged write: the revision the grain returned, the silo that answered, and when (since the writer started).</summary>
public sealed record ShopWrite(long Revision, string Silo, TimeSpan At);

/// <summary>
/// One caller changing a shop's settings back to back (each call retried through failover by
/// <see cref="GrainCallRetry"/>), recording every acknowledged write. A write is acknowledged only after the grain
/// stored it, so a lost write shows as a revision that does not increase, or a stored revision below the last one
/// acknowledged.
/// </summary>
public sealed class ShopWriter : IAsyncDisposable
{
    private readonly List<ShopWrite> writes = [];
    private readonly CancellationTokenSource stop = new();
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly Task loop;

    private ShopWriter(IShopGrain shop, TimeSpan retryBudget) => loop = Task.Run(() => RunAsync(shop, retryBudget));

    /// <summary>Time since the writer started (the clock of <see cref="ShopWrite.At"/>).</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(started);

    /// <summary>The writes acknowledged so far, in order.</summary>
    public IReadOnlyList<ShopWrite> Writes
    {
        get
        {
            lock (writes)
            {
                return [.. writes];
            }
        }
    }

    /// <summary>Starts writing to <paramref name="shop"/>; a call still failing after <paramref name="retryBudget"/> stops the writer with that error.</summary>
    public static ShopWriter Start(IShopGrain shop, TimeSpan retryBudget) => new(shop, retryBudget);

    /// <summary>
    /// Counts writes that were acknowledged and then lost: each acknowledged revision must exceed the one before it,
    /// and the finally stored revision must be at least the last acknowledged one.
    /// </summary>
    public static int CountLost(IReadOnlyList<ShopWrite> acknowledged, long storedRevision)
    {
        ArgumentNullException.ThrowIfNull(acknowledged);
        var lost = acknowledged.Zip(acknowledged.Skip(1)).Count(pair => pair.Second.Revision <= pair.First.Revision);
        return acknowledged.Count > 0 && storedRevision < acknowledged[^1].Revision ? lost + 1 : lost;
    }

    /// <summary>Waits for an acknowledged write matching <paramref name="predicate"/>.</summary>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>.</exception>
    public async Task<ShopWrite> WaitForAsync(Func<ShopWrite, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var deadline = Elapsed + timeout;
        while (true)
        {
            if (Writes.FirstOrDefault(predicate) is { } match)
            {
                return match;
            }

            if (loop.IsFaulted)
            {
                await loop.ConfigureAwait(false);
            }

            if (Elapsed > deadline)
            {
                var all = Writes;
                throw new TimeoutException($"no matching acknowledged write within {timeout}; last: {(all.Count > 0 ? all[^1] : null)}");
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops writing and returns every acknowledged write; rethrows the error that stopped the writer, if any.</summary>
    public async Task<IReadOnlyList<ShopWrite>> StopAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while waiting between retries.
        }

        return Writes;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Disposal after a failed run: the failure was reported by StopAsync or the test.
        }

        stop.Dispose();
    }

    private async Task RunAsync(IShopGrain shop, TimeSpan retryBudget)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var settings = new ShopSettings("Asia/Shanghai", [$"write-{n}"], Paused: false);
            var snapshot = await GrainCallRetry.RetryAsync(() => shop.UpdateSettingsAsync(settings), retryBudget, stop.Token).ConfigureAwait(false);
            lock (writes)
            {
                writes.Add(new ShopWrite(snapshot.Revision, snapshot.Silo, Elapsed));
            }
        }
    }
}
