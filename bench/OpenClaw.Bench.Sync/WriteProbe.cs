using System.Diagnostics;
using OpenClaw.Grains.Shops;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// How long a caller that does not interleave with a sync turn waits (an operator's settings change, a webhook
/// hand-off): every few seconds a few random shops get <see cref="IShopGrain.UpdateSettingsAsync"/> with their unchanged
/// settings. A call that waits out Orleans' 30 s response timeout counts as a timeout.
/// </summary>
internal sealed class WriteProbe
{
    private readonly List<double> latencies = [];
    private int timeouts;

    public IReadOnlyList<double> LatenciesMs
    {
        get
        {
            lock (latencies)
            {
                return [.. latencies];
            }
        }
    }

    public int Timeouts => Volatile.Read(ref timeouts);

    public async Task RunAsync(IGrainFactory grains, IReadOnlyList<string> shopIds, TimeSpan every, int perRound, CancellationToken cancellationToken)
    {
        var random = new Random(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            var round = Enumerable.Range(0, perRound).Select(_ => shopIds[random.Next(shopIds.Count)]).Select(async id =>
            {
                var shop = grains.GetGrain<IShopGrain>(id);
                var settings = (await shop.GetAsync()).Settings;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await shop.UpdateSettingsAsync(settings);
                    lock (latencies)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref timeouts);
                }
            });
            _ = Task.WhenAll(round); // each call records its own outcome; a slow round does not delay the next
            try
            {
                await Task.Delay(every, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
