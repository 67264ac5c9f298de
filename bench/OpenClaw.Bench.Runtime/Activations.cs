using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Runtime;

namespace OpenClaw.Bench.Runtime;

/// <summary>Cost of activating 10,000 grains: time, and retained memory per idle activation.</summary>
internal static class Activations
{
    private const int Count = 10_000;

    public static async Task RunAsync()
    {
        await using var app = await Silos.StartAsync(new() { ["Orleans:ServiceId"] = "bench" }, clustered: false);
        var factory = app.Services.GetRequiredService<IGrainFactory>();
        await factory.GetGrain<IPingGrain>("warm").Touch();
        var before = Retained();
        var watch = Stopwatch.StartNew();
        for (var batch = 0; batch < Count; batch += 500)
        {
            await Task.WhenAll(Enumerable.Range(batch, 500).Select(i => factory.GetGrain<IPingGrain>("a-" + i).Touch()));
        }

        watch.Stop();
        var after = Retained();
        Console.WriteLine($"activation: {Count:N0} grains in {watch.Elapsed.TotalMilliseconds:N0} ms ({Count / watch.Elapsed.TotalSeconds:N0}/s); retained {(after - before) / (double)Count:N0} B per idle activation (runtime + a 1-field grain)");
    }

    private static long Retained()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
