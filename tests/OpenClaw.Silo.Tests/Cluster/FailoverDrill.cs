using OpenClaw.Grains.Calls;
using System.Diagnostics;
using OpenClaw.Grains.Shops;

namespace OpenClaw.Silo.Tests.Cluster;

/// <summary>How a silo is taken away in a drill.</summary>
public enum SiloStop
{
    /// <summary>SIGKILL: a crash; the cluster notices only through missed probes.</summary>
    Kill,

    /// <summary>SIGTERM: graceful shutdown; the silo drains and leaves the cluster itself.</summary>
    Terminate,
}

/// <summary>What one drill observed.</summary>
/// <param name="Stopped">The silo that hosted the shop and was stopped.</param>
/// <param name="AnsweredAfter">From the signal to the first answer from another silo to a probe sent after the signal.</param>
/// <param name="AnsweredBy">The silo that answered then.</param>
/// <param name="WriterResumedAfter">From the signal to the writer's first write acknowledged by another silo (includes the wait for the response timeout of a call lost with the silo).</param>
/// <param name="ExitedAfter">From the signal to the process's exit, or null if it had not exited yet.</param>
/// <param name="ExitCode">The stopped silo's exit code, or null.</param>
/// <param name="Writes">Every acknowledged write, in order.</param>
/// <param name="StoredRevision">The revision in Redis after the drill (read without calling the grain).</param>
/// <param name="LostWrites">Acknowledged writes that did not survive (see <see cref="ShopWriter.CountLost"/>).</param>
public sealed record FailoverResult(
    SiloProcess Stopped, TimeSpan AnsweredAfter, string AnsweredBy, TimeSpan WriterResumedAfter, TimeSpan? ExitedAfter, int? ExitCode,
    IReadOnlyList<ShopWrite> Writes, long StoredRevision, int LostWrites);

/// <summary>
/// The failover drill shared by the tests and the bench: keep writing one connected shop, stop the silo hosting
/// it, and measure until the grain answers again from another silo, then check no acknowledged write was lost.
/// </summary>
public static class FailoverDrill
{
    /// <summary>Interval between read probes: the resolution of <see cref="FailoverResult.AnsweredAfter"/>.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs one drill on a cluster with at least two running silos; <paramref name="shopId"/> must be connected.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="grains">A client of the cluster.</param>
    /// <param name="redis">Redis of the cluster, to read the stored revision afterwards.</param>
    /// <param name="shopId">The connected shop.</param>
    /// <param name="how">SIGKILL or SIGTERM.</param>
    /// <param name="bound">Longest wait for the grain to answer again (and per-call retry budget).</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public static async Task<FailoverResult> RunAsync(
        SiloCluster cluster, IGrainFactory grains, StackExchange.Redis.IDatabase redis, string shopId, SiloStop how,
        TimeSpan bound, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(grains);
        await using var writer = ShopWriter.Start(grains.GetGrain<IShopGrain>(shopId), retryBudget: bound);

        // Writes flowing, and the shop's current home known from the silo that answers them.
        var warm = await writer.WaitForAsync(w => true, bound, cancellationToken).ConfigureAwait(false);
        await writer.WaitForAsync(w => w.Revision >= warm.Revision + 5, bound, cancellationToken).ConfigureAwait(false);
        var host = cluster.HostOf(writer.Writes[^1].Silo);

        var signalledAt = writer.Elapsed;
        var signalled = Stopwatch.GetTimestamp();
        if (how == SiloStop.Kill)
        {
            host.Kill();
        }
        else
        {
            host.Terminate();
        }

        var exited = Task.Run(async () =>
        {
            var code = await host.WaitForExitAsync(bound * 2).ConfigureAwait(false);
            return (Code: code, After: Stopwatch.GetElapsedTime(signalled));
        }, cancellationToken);

        // The writer's call in flight when the silo vanished waits out the client's response timeout; fresh probes
        // every 50 ms show when the grain can answer again, independent of that timeout.
        var (answeredAfter, answeredBy) = await ProbeUntilAnsweredElsewhereAsync(grains.GetGrain<IShopGrain>(shopId), host, signalled, bound, cancellationToken).ConfigureAwait(false);
        var answered = await writer.WaitForAsync(w => w.At > signalledAt && !host.Hosts(w.Silo), bound, cancellationToken).ConfigureAwait(false);

        // A few more writes on the new home, so the check below covers writes before, across and after the move.
        await writer.WaitForAsync(w => w.Revision >= answered.Revision + 5, bound, cancellationToken).ConfigureAwait(false);
        var writes = await writer.StopAsync().ConfigureAwait(false);
        var (exitCode, exitedAfter) = await exited.ConfigureAwait(false);
        var stored = await StoredShop.ReadRevisionAsync(redis, cluster.ServiceId, shopId).ConfigureAwait(false) ?? 0;

        return new FailoverResult(
            host, answeredAfter, answeredBy, answered.At - signalledAt, exitCode is null ? null : exitedAfter, exitCode,
            writes, stored, ShopWriter.CountLost(writes, stored));
    }

    private static async Task<(TimeSpan After, string Silo)> ProbeUntilAnsweredElsewhereAsync(
        IShopGrain shop, SiloProcess stopped, long start, TimeSpan bound, CancellationToken cancellationToken)
    {
        var answered = new TaskCompletionSource<(TimeSpan, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probes = new List<Task>();
        while (!answered.Task.IsCompleted && Stopwatch.GetElapsedTime(start) < bound)
        {
            probes.Add(ProbeAsync());
            await Task.WhenAny(answered.Task, Task.Delay(ProbeInterval, cancellationToken)).ConfigureAwait(false);
        }

        // Outstanding probes end within the client's response timeout; none may outlive the drill.
        await Task.WhenAll(probes).ConfigureAwait(false);
        return answered.Task.IsCompleted
            ? await answered.Task.ConfigureAwait(false)
            : throw new TimeoutException($"the shop did not answer from another silo within {bound}");

        async Task ProbeAsync()
        {
            try
            {
                var snapshot = await shop.GetAsync().ConfigureAwait(false);
                if (!stopped.Hosts(snapshot.Silo))
                {
                    answered.TrySetResult((Stopwatch.GetElapsedTime(start), snapshot.Silo));
                }
            }
            catch (Exception ex) when (GrainCallRetry.IsTransient(ex))
            {
                // Still failing over.
            }
        }
    }
}
