using System.Diagnostics;
using OpenClaw.Grains.Shops;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Cluster;

/// <summary>One call path: latency of calls made one at a time, and throughput with concurrent callers.</summary>
internal sealed record CallRow(string Path, int Calls, double P50Ms, double P99Ms, double MaxMs, int Concurrency, double CallsPerSecond);

/// <summary>
/// Cost of a shop grain call (<c>GetAsync</c>: no storage access) along three paths: inside one silo; from a client
/// into the silo that hosts the grain; from a client into a silo that forwards to the other silo, where the grain is.
/// </summary>
internal static class CallBench
{
    private const int Grains = 32;
    private const int Concurrency = 32;

    public static async Task<IReadOnlyList<CallRow>> RunAsync(RedisServer redis, int calls, TimeSpan duration, CancellationToken cancellationToken)
    {
        var rows = new List<CallRow>();
        await using (var silo = await InProcessSilo.StartAsync())
        {
            var local = Enumerable.Range(0, Grains).Select(i => silo.Grains.GetGrain<IShopGrain>($"local-{i}")).ToList();
            rows.AddRange(await MeasureAsync([("local: caller on the grain's silo (in-process silo, memory storage)", local)], calls, duration));
        }

        // Two real silos; the client enters only through silo 1, so the grain's home decides the path.
        await using var cluster = new SiloCluster(redis.ConnectionString);
        var silos = await cluster.StartSilosAsync(2, cancellationToken);
        await using var viaFirst = await cluster.ConnectClientAsync(silos[0], TimeSpan.FromSeconds(10), cancellationToken);
        await using var viaSecond = await cluster.ConnectClientAsync(silos[1], TimeSpan.FromSeconds(10), cancellationToken);
        var onFirst = new List<IShopGrain>();
        var onSecond = new List<IShopGrain>();
        for (var i = 0; (onFirst.Count < Grains || onSecond.Count < Grains) && i < 20_000; i++)
        {
            // Activate alternately through each silo, so a placement that prefers the receiving silo still fills both lists.
            var id = $"remote-{i}";
            var snapshot = await (i % 2 == 0 ? viaFirst : viaSecond).Client.GetGrain<IShopGrain>(id).GetAsync();
            (silos[0].Hosts(snapshot.Silo) ? onFirst : onSecond).Add(viaFirst.Client.GetGrain<IShopGrain>(id));
        }

        // Latency samples of the two paths alternate in blocks, so load from other processes hits both alike.
        rows.AddRange(await MeasureAsync(
            [("client → silo hosting the grain (2 silo processes)", [.. onFirst.Take(Grains)]),
             ("client → silo → other silo hosting the grain (cross-silo)", [.. onSecond.Take(Grains)])],
            calls, duration));
        return rows;
    }

    private static async Task<List<CallRow>> MeasureAsync(List<(string Path, List<IShopGrain> Grains)> paths, int calls, TimeSpan duration)
    {
        const int Block = 500;
        var latencies = paths.Select(_ => new List<double>(calls)).ToList();
        for (var p = 0; p < paths.Count; p++)
        {
            await CallSequentiallyAsync(paths[p].Grains, 2_000, null);
        }

        for (var done = 0; done < calls; done += Block)
        {
            for (var p = 0; p < paths.Count; p++)
            {
                await CallSequentiallyAsync(paths[p].Grains, Math.Min(Block, calls - done), latencies[p]);
            }
        }

        var rows = new List<CallRow>();
        for (var p = 0; p < paths.Count; p++)
        {
            var rate = await ThroughputAsync(paths[p].Grains, duration);
            var row = new CallRow(paths[p].Path, calls, Stats.Percentile(latencies[p], 50), Stats.Percentile(latencies[p], 99), latencies[p].Max(), Concurrency, rate);
            Console.WriteLine($"  {row.Path}: p50 {Stats.Ms(row.P50Ms)}, p99 {Stats.Ms(row.P99Ms)}, max {Stats.Ms(row.MaxMs)}; {Stats.Count(rate)} calls/s with {Concurrency} callers");
            rows.Add(row);
        }

        return rows;
    }

    private static async Task CallSequentiallyAsync(List<IShopGrain> grains, int count, List<double>? latencies)
    {
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await grains[i % grains.Count].GetAsync();
            latencies?.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private static async Task<double> ThroughputAsync(List<IShopGrain> grains, TimeSpan duration)
    {
        long completed = 0;
        var began = Stopwatch.GetTimestamp();
        var stopAt = began + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(w => Task.Run(async () =>
        {
            var grain = grains[w % grains.Count];
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await grain.GetAsync();
                Interlocked.Increment(ref completed);
            }
        })));
        return completed / Stopwatch.GetElapsedTime(began).TotalSeconds;
    }
}
