using System.Globalization;
using OpenClaw.Grains.Shops;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Cluster;

/// <summary>Memory before and after activating N idle shop grains, and the difference per activation.</summary>
internal sealed record MemoryRow(string Where, string Metric, long BeforeBytes, long AfterBytes, int Activations, long ActivationsCounted)
{
    public double BytesPerActivation => (double)(AfterBytes - BeforeBytes) / Activations;
}

/// <summary>
/// Memory per idle shop activation (each activated by one <c>GetAsync</c>, then left alone): in a real silo process
/// (resident set, what an operator sees; server GC, so it includes garbage not yet collected) and in an in-process
/// silo where a full GC gives the retained managed bytes exactly.
/// </summary>
internal static class MemoryBench
{
    private const int WarmUp = 500;

    public static async Task<IReadOnlyList<MemoryRow>> RunAsync(RedisServer redis, int activations, CancellationToken cancellationToken)
    {
        var rows = new List<MemoryRow>();
        await using (var silo = await InProcessSilo.StartAsync())
        {
            await ActivateAsync(silo.Grains, "warm", WarmUp);
            var heapBefore = Settle();
            await ActivateAsync(silo.Grains, "idle", activations);
            var heapAfter = Settle();
            rows.Add(new MemoryRow("in-process silo (memory storage)", "managed heap after full GC", heapBefore, heapAfter, activations, await CountAsync(silo.Grains)));
        }

        await using var cluster = new SiloCluster(redis.ConnectionString);
        var process = await cluster.StartSiloAsync(cancellationToken);
        await using var client = await cluster.ConnectClientAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await ActivateAsync(client.Client, "warm", WarmUp);
        var rssBefore = await SampleRssAsync(process.ProcessId);
        await ActivateAsync(client.Client, "idle", activations);
        var rssAfter = await SampleRssAsync(process.ProcessId);
        rows.Add(new MemoryRow("silo process (Redis storage, server GC)", "resident set (VmRSS)", rssBefore, rssAfter, activations, await CountAsync(client.Client)));

        foreach (var row in rows)
        {
            Console.WriteLine($"  {row.Where}, {row.Metric}: {row.BeforeBytes / 1048576.0:F1} MiB → {row.AfterBytes / 1048576.0:F1} MiB " +
                              $"for {row.Activations:N0} activations ({row.ActivationsCounted:N0} counted by the management grain) = {row.BytesPerActivation:N0} B each");
        }

        return rows;
    }

    private static Task ActivateAsync(IGrainFactory grains, string prefix, int count) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (i, _) => await grains.GetGrain<IShopGrain>($"{prefix}-{i}").GetAsync());

    private static async Task<long> CountAsync(IGrainFactory grains) =>
        await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    // Median of a few samples after the silo has had time to finish the work the activations caused.
    private static async Task<long> SampleRssAsync(int pid)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        var samples = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            samples.Add(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024);
            await Task.Delay(500);
        }

        return samples.Order().ElementAt(samples.Count / 2);
    }
}
