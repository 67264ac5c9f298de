using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Runtime;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Runtime;

/// <summary>Remote call latency: a cluster client calling a silo over HTTP/2 (h2c) on loopback, one call at a time.</summary>
internal static class RemoteCalls
{
    public static async Task RunAsync()
    {
        await using var redis = await RedisServer.StartAsync();
        var serviceId = "bench-" + Guid.NewGuid().ToString("N")[..6];
        await using var silo = await Silos.StartAsync(Silos.Clustered(redis.ConnectionString, serviceId, FreePort.Next()), clustered: true);
        using var client = await Silos.StartClientAsync(redis.ConnectionString, serviceId);
        var factory = client.Services.GetRequiredService<IClusterClient>();
        var grains = Enumerable.Range(0, 100).Select(i => factory.GetGrain<IPingGrain>("remote-" + i)).ToArray();
        await Task.Delay(1500); // the client's shard table catches up
        for (var i = 0; i < 20_000; i++)
        {
            await grains[i % grains.Length].Increment();
        }

        const int Calls = 20_000;
        var samples = new double[Calls];
        for (var i = 0; i < Calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await grains[i % grains.Length].Increment();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        if (Environment.GetEnvironmentVariable("BENCH_TRACE_SLOW") is not null)
        {
            var slow = samples.Select((ms, i) => (ms, i)).Where(x => x.ms > 1).ToList();
            Console.WriteLine($"slow calls: {slow.Count}: " + string.Join(" ", slow.Take(60).Select(x => $"{x.i}:{x.ms:0.0}")));
        }

        Array.Sort(samples);
        Console.WriteLine($"remote calls (sequential, {Calls:N0}): p50 {P(samples, 0.50):0.000} ms, p90 {P(samples, 0.90):0.000} ms, p99 {P(samples, 0.99):0.000} ms, p99.9 {P(samples, 0.999):0.000} ms, max {samples[^1]:0.000} ms");

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async w =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                await grains[(w + i) % grains.Length].Increment();
            }
        }));
        Console.WriteLine($"remote calls (32 concurrent callers): {32_000 / watch.Elapsed.TotalSeconds:N0} calls/s");
        await client.StopAsync();
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}
