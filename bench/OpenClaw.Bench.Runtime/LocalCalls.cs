using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Runtime;

namespace OpenClaw.Bench.Runtime;

/// <summary>Local (same-silo) call throughput: no serialisation, the idle-activation fast path.</summary>
internal static class LocalCalls
{
    public static async Task RunAsync()
    {
        await using var app = await Silos.StartAsync(new() { ["Orleans:ServiceId"] = "bench" }, clustered: false);
        var factory = app.Services.GetRequiredService<IGrainFactory>();
        var workers = Environment.ProcessorCount * 2;
        var grains = Enumerable.Range(0, workers).Select(w => Enumerable.Range(0, 64).Select(g => factory.GetGrain<IPingGrain>($"local-{w}-{g}")).ToArray()).ToArray();
        await RunForAsync(grains, TimeSpan.FromSeconds(2)); // warm-up (tiering, activation)
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        var (calls, elapsed) = await RunForAsync(grains, TimeSpan.FromSeconds(5));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine($"local calls: {calls / elapsed.TotalSeconds:N0} calls/s ({workers} callers, {calls:N0} calls in {elapsed.TotalSeconds:0.0} s, {allocated / (double)calls:0} B allocated/call, {GC.CollectionCount(0) - gen0Before} gen0 GCs)");
    }

    private static async Task<(long Calls, TimeSpan Elapsed)> RunForAsync(IPingGrain[][] grains, TimeSpan duration)
    {
        // Callers check the clock themselves: a timer continuation could not run while they keep both cores busy.
        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(grains.Select(set => Task.Run(async () =>
        {
            long n = 0;
            while (watch.Elapsed < duration)
            {
                for (var i = 0; i < set.Length; i++)
                {
                    await set[i].Increment();
                }

                n += set.Length;
            }

            return n;
        })));
        return (counts.Sum(), watch.Elapsed);
    }
}
