using System.Diagnostics;
using Orleans.Storage;

namespace OpenClaw.Silo.Tests.Cluster;

/// <summary>
/// The small retry a caller needs while a silo fails over: during that window calls fail with
/// <see cref="SiloUnavailableException"/>, <see cref="OrleansMessageRejectionException"/> or a response timeout,
/// and succeed again once membership has moved the grain. Domain errors and storage conflicts are not retried.
/// </summary>
public static class GrainCall
{
    /// <summary>Pause between attempts.</summary>
    public static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs <paramref name="call"/> until it succeeds, retrying transient failures for at most <paramref name="budget"/>.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex) && Stopwatch.GetElapsedTime(start) < budget)
            {
                await Task.Delay(Backoff, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>True for failures that a later attempt may not see: the silo or gateway was unavailable, or no answer came in time.</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        InconsistentStateException => false,
        TimeoutException or OrleansException => true,
        _ => false,
    };
}
