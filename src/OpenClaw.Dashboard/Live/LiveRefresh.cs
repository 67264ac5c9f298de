namespace OpenClaw.Dashboard.Live;

/// <summary>
/// Reloads what a page shows every <see cref="DashboardOptions.RefreshInterval"/> while its circuit lives, so KPI tiles
/// and alerts follow a change within seconds without a reload. One timer per page; ticks never overlap (a slow API
/// delays the next reload instead of stacking them), and a failed reload waits for the next tick.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PeriodicTimer timer;

    /// <summary>Starts ticking; <paramref name="reload"/> runs on the component's dispatcher (pass <c>InvokeAsync</c>-wrapped work).</summary>
    public LiveRefresh(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> reload)
    {
        ArgumentNullException.ThrowIfNull(reload);
        timer = new PeriodicTimer(interval, time);
        _ = RunAsync(reload);
    }

    private async Task RunAsync(Func<CancellationToken, Task> reload)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await reload(stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The page keeps what it shows; the API client already turned answers into "unavailable" parts.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        stop.Cancel();
        timer.Dispose();
        stop.Dispose();
    }
}
