using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenClaw.Bench.Cluster;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Sync;
using OpenClaw.Silo.Tests.Cluster;
using StackExchange.Redis;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// <c>scale</c>: N shops (default 10,000, <c>ActivitySpread=Varied</c>) on one real silo process (<c>src/OpenClaw.Silo</c>,
/// Release, configured by environment as in production: Redis clustering, storage and reminders on the bench's Garnet),
/// the simulator in this process at real speed with its clock at real time (so the silo's system clock is TikTok's
/// clock), limits and quota out of the way. Shops are onboarded through the auth-code exchange without backfill, then
/// sync incrementally at the configured intervals. Measured after a warm-up: the silo's CPU, memory per shop (silo
/// managed heap after a forced GC and resident set; Garnet's resident set and store size), sync lag from the Redis
/// read model, and calls/s. <c>soak</c> is the same with 1,000 shops for an hour (issue 14), sampling memory, failed
/// calls on record and the silo's log levels every 5 minutes (<see cref="SoakSamples"/>).
/// </summary>
internal static class ScaleScenario
{
    public static async Task<string> RunAsync(BenchOptions o, CancellationToken ct)
    {
        var soak = o.Scenario == "soak";
        var shopsCount = o.Int("shops", soak ? 1_000 : 10_000);
        var tenants = o.Int("tenants", soak ? 10 : 100);
        var warmup = TimeSpan.FromSeconds(o.Int("warmup", 150));
        var measure = TimeSpan.FromSeconds(o.Int("seconds", soak ? 3_600 : 300));
        var memoryEvery = TimeSpan.FromSeconds(o.Int("memory-every", soak ? 300 : 0));
        var logLines = new LogLevelCounter();
        var settle = TimeSpan.FromSeconds(15);

        await using var garnet = await Garnet.StartAsync(o.Text("garnet-memory", "2g"));
        using var redis = await Garnet.ConnectAsync(garnet.ConnectionString);
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await using var simulator = await SimulatorHost.StartAsync(
        [
            $"Seed={o.Int("seed", 11)}", $"ShopCount={shopsCount}", "ActivitySpread=Varied", "ClockSpeed=1", "ClockStart=" + SimulatorHost.Iso(start),
            $"CachedShopDays={o.Int("sim-cache", 16_384)}",
        ]);
        Console.WriteLine($"simulator {simulator.Url}: {shopsCount:N0} shops, clock at real time, default limits (2,000/s per app, 50/s per shop), no quota");

        var siloSettings = new Dictionary<string, string>(simulator.TikTokSettings("__"))
        {
            ["RateBudget__AppKey"] = "bench-scale",
            ["RateBudget__PerAppPerSecond"] = "1000",
            ["RateBudget__DailyQuota"] = "1000000000",
            ["Sync__InitialBackfill"] = "00:00:00",
            ["Sync__ProductBackfill"] = "00:00:00",
            ["Logging__LogLevel__OpenClaw"] = "Warning",
        };
        foreach (var (name, value) in SiloEnvironment.Parse(o.Text("silo-env", "")))
        {
            siloSettings[name] = value;
        }

        await using var cluster = new SiloCluster(garnet.ConnectionString, siloSettings)
        {
            OutputLine = logLines.Count,
        };
        var silo = await cluster.StartSiloAsync(ct);
        await using var client = await cluster.ConnectClientAsync(TimeSpan.FromSeconds(60), ct);
        var grains = client.Client;
        var siloPids = ProcessStats.Tree(silo.ProcessId);
        Console.WriteLine($"silo process {silo.ProcessId} healthy: {SiloProcess.AssemblyPath}");

        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        var before = await MemoryAsync(grains, redis, siloPids, silo.ProcessId);
        Console.WriteLine($"baseline: {before}");

        var shopIds = await simulator.ShopIdsAsync();
        var traffic = simulator.Traffic;
        var onboardStart = traffic.Elapsed;
        var onboarding = await Onboarding.RunAsync(grains, simulator.Http, shopIds, "scale-tenant", tenants, o.Int("parallel", 32), ct);
        Console.WriteLine($"onboarded {onboarding.Connected:N0}/{shopsCount:N0} in {onboarding.Elapsed.TotalSeconds:F0} s ({onboarding.Failed} failed{(onboarding.FirstError is { } e ? ": " + e : "")})");
        var onboardCalls = traffic.Count(Answer.Served, onboardStart, traffic.Elapsed + TimeSpan.FromSeconds(1));

        var readModel = new ShopReadModel(redis);
        TimeSpan Allowed(SyncDomain domain, TimeSpan planned) =>
            (planned > DefaultInterval(domain) ? planned : DefaultInterval(domain)) + settle + new SyncOptions().MaxIdleDelay;
        var warmupEnd = Whole(traffic.Elapsed + warmup);
        while (traffic.Elapsed < warmupEnd)
        {
            await Task.Delay(TimeSpan.FromSeconds(30) < warmupEnd - traffic.Elapsed ? TimeSpan.FromSeconds(30) : warmupEnd - traffic.Elapsed, ct);
            var lag = await LagSnapshot.ReadAsync(readModel, shopIds, DateTimeOffset.UtcNow, Allowed);
            Console.WriteLine($"  warm-up t={traffic.Elapsed.TotalSeconds:F0}s: {traffic.Count(Answer.Served, traffic.Elapsed - TimeSpan.FromSeconds(30), traffic.Elapsed) / 30.0:F0} calls/s, " +
                              $"read models {lag.Reported:N0}, orders lag p50 {Stats.Percentile(lag.OrdersLag, 50):F0} s p99 {Stats.Percentile(lag.OrdersLag, 99):F0} s, within {lag.AllWithinInterval:N0}");
        }

        // Steady state: CPU over the window, lag sampled every 30 s, calls counted by the simulator.
        var wallStart = Stopwatch.GetTimestamp();
        var siloCpu0 = ProcessStats.CpuTime(siloPids);
        var garnetPids = garnet.ProcessIds;
        var garnetCpu0 = ProcessStats.CpuTime(garnetPids);
        var benchCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var pathsBefore = traffic.ByPath();
        var windowStart = Whole(traffic.Elapsed);
        var samples = new List<LagSnapshot>();
        var soakSamples = new List<SoakSample>();
        var nextMemory = TimeSpan.Zero;
        while (traffic.Elapsed - windowStart < measure)
        {
            await Task.Delay(TimeSpan.FromSeconds(30) < measure - (traffic.Elapsed - windowStart) ? TimeSpan.FromSeconds(30) : measure - (traffic.Elapsed - windowStart), ct);
            var lag = await LagSnapshot.ReadAsync(readModel, shopIds, DateTimeOffset.UtcNow, Allowed);
            samples.Add(lag);
            Console.WriteLine($"  measuring t={traffic.Elapsed.TotalSeconds:F0}s: orders lag p50 {Stats.Percentile(lag.OrdersLag, 50):F0} s p99 {Stats.Percentile(lag.OrdersLag, 99):F0} s, within {lag.AllWithinInterval:N0}/{lag.Reported:N0}");
            var inWindow = traffic.Elapsed - windowStart;
            if (memoryEvery > TimeSpan.Zero && (inWindow >= nextMemory || inWindow >= measure))
            {
                // Soak: memory (after a forced GC), failed calls on record and the silo's log levels, every memory-every seconds.
                nextMemory = inWindow + memoryEvery;
                var memory = await MemoryAsync(grains, redis, siloPids, silo.ProcessId);
                var sample = new SoakSample(inWindow.TotalSeconds, memory,
                    await SoakSamples.OpsErrorCallsAsync(redis, "scale-tenant", tenants), logLines.Warnings, logLines.Errors, Stats.Percentile(lag.OrdersLag, 99));
                soakSamples.Add(sample);
                Console.WriteLine($"  soak t={sample.Seconds:F0}s: {memory}; failed calls on record {sample.OpsErrorCalls:N0}; silo warn/fail lines {sample.Warnings:N0}/{sample.Errors:N0}");
            }
        }

        var windowEnd = Whole(traffic.Elapsed);
        var wall = Stopwatch.GetElapsedTime(wallStart);
        var siloCpu = (ProcessStats.CpuTime(siloPids) - siloCpu0) / wall;
        var garnetCpu = (ProcessStats.CpuTime(garnetPids) - garnetCpu0) / wall;
        var benchCpu = (Process.GetCurrentProcess().TotalProcessorTime - benchCpu0) / wall;
        var seconds = (windowEnd - windowStart).TotalSeconds;
        var served = traffic.Count(Answer.Served, windowStart, windowEnd);
        var limited = traffic.Count(Answer.RateLimited, windowStart, windowEnd) + traffic.Count(Answer.QuotaExceeded, windowStart, windowEnd);
        var paths = traffic.ByPath().Select(p => (Path: p.Key, Calls: p.Value - pathsBefore.GetValueOrDefault(p.Key))).Where(p => p.Calls > 0)
            .OrderByDescending(p => p.Calls).Select(p => $"{p.Path} {p.Calls / seconds:F1}/s").ToList();
        var after = await MemoryAsync(grains, redis, siloPids, silo.ProcessId);
        Console.WriteLine($"after: {after}");
        var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount(CancellationToken.None);

        var expected = shopsCount * ((1 / 120.0) + (3 / 300.0) + (1 / 900.0));
        var result = new ScaleResult(shopsCount, onboarding, onboardCalls, warmup, seconds, siloCpu, garnetCpu, benchCpu, served / seconds, limited, expected,
            string.Join(", ", paths), samples, before, after, activations);
        var report = Markdown(result, garnet.Memory, silo.ProcessId);
        if (soakSamples.Count > 0)
        {
            report += Environment.NewLine + SoakSamples.Markdown(soakSamples, shopsCount);
        }

        if (o.Int("hold", 0) is > 0 and var hold)
        {
            // Keeps everything running (sync goes on) so a heap inspector can attach to the silo process.
            Console.WriteLine(report);
            Console.WriteLine($"holding {hold} s; silo pid {silo.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(hold), ct);
        }

        return report;
    }

    private static TimeSpan DefaultInterval(SyncDomain domain) => new SyncOptions().IntervalOf(domain, null);

    private static TimeSpan Whole(TimeSpan t) => TimeSpan.FromSeconds(Math.Floor(t.TotalSeconds));

    // Silo: managed heap after a forced GC (as the silo's own statistics report it) and resident set (median of 5);
    // Garnet: what INFO memory says.
    private static async Task<MemoryPoint> MemoryAsync(IClusterClient grains, IConnectionMultiplexer redis, IReadOnlyList<int> siloPids, int siloPid)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = (await management.GetHosts(onlyActive: true)).Keys.ToArray();
        long heap = long.MaxValue;
        for (var i = 0; i < 2; i++)
        {
            await management.ForceGarbageCollection(hosts);
            await Task.Delay(TimeSpan.FromSeconds(2));
            await management.ForceRuntimeStatisticsCollection(hosts);
            var stats = await management.GetRuntimeStatistics(hosts);
            heap = Math.Min(heap, stats.Sum(s => s.EnvironmentStatistics.RawMemoryUsageBytes));
        }

        var rss = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            rss.Add(ProcessStats.Rss(siloPids));
            await Task.Delay(500);
        }

        return new MemoryPoint(heap, rss.Order().ElementAt(2), await LiveHeap.BytesAsync(siloPid), await Garnet.MemoryAsync(redis));
    }

    private static string Markdown(ScaleResult r, string garnetMemory, int siloPid)
    {
        var md = new StringBuilder();
        var n = (double)r.Shops;
        var lastLag = r.Samples[^1];
        var ordersLag = r.Samples.SelectMany(s => s.OrdersLag).ToList();
        var worstLag = r.Samples.SelectMany(s => s.WorstLag).ToList();
        md.AppendLine(CultureInfo.InvariantCulture, $"Setup: {r.Shops:N0} shops (`ActivitySpread=Varied`), one silo process (`src/OpenClaw.Silo` Release, pid {siloPid}, server GC, Redis clustering/storage/reminders), " +
                                                    $"Garnet `-m {garnetMemory}`, simulator in the bench process; `Sync:InitialBackfill=0`, `Sync:ProductBackfill=0`, default intervals " +
                                                    $"(orders 2 min; returns, cancellations, packages 5 min; products 15 min); `RateBudget:PerAppPerSecond=1000`, no quota.");
        md.AppendLine();
        md.AppendLine("| measure | value |");
        md.AppendLine("|---|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| onboarding through the auth-code exchange ({r.Onboarding.Tenants} tenants, {r.Onboarding.Parallel} at once) | {r.Onboarding.Connected:N0} shops in {r.Onboarding.Elapsed.TotalSeconds:F0} s = **{r.Onboarding.ShopsPerSecond:F0} shops/s**; per shop p50 {Stats.Ms(Stats.Percentile(r.Onboarding.LatenciesMs, 50))}, p99 {Stats.Ms(Stats.Percentile(r.Onboarding.LatenciesMs, 99))}; {r.Onboarding.Failed} failed; {r.OnboardCalls:N0} API calls meanwhile |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| steady-state window | {r.Seconds:F0} s, from {r.Warmup.TotalSeconds:F0} s after onboarding |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **calls/s** (expected from the intervals without products' first 15-min poll: {r.Expected - (n / 900):F0}/s; with it {r.Expected:F0}/s) | **{r.CallsPerSecond:F1}/s**; 429: {r.Limited} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| calls by API path | {r.Paths} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **silo CPU** (process CPU time ÷ wall time) | **{r.SiloCpu:P0} of one core** ({r.SiloCpu * 1000 / Math.Max(1, r.CallsPerSecond):F1} ms CPU per call) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Garnet CPU / bench process (simulator + client) CPU | {r.GarnetCpu:P0} / {r.BenchCpu:P0} of one core |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **silo GC memory after a forced GC** (Orleans' statistic: committed − fragmented; live objects are less, see a heap dump) | {MemoryPoint.Mib(r.Before.SiloHeap)} → {MemoryPoint.Mib(r.After.SiloHeap)} = **{(r.After.SiloHeap - r.Before.SiloHeap) / n / 1024:F1} KiB per shop** ({r.Activations:N0} activations) |");
        if (r.Before.SiloLive is { } liveBefore && r.After.SiloLive is { } liveAfter)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| **silo live objects** (heap snapshot, `dotnet-gcdump`) | {MemoryPoint.Mib(liveBefore)} → {MemoryPoint.Mib(liveAfter)} = **{(liveAfter - liveBefore) / n / 1024:F1} KiB per shop** |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| **silo resident set** (median of 5) | {MemoryPoint.Mib(r.Before.SiloRss)} → {MemoryPoint.Mib(r.After.SiloRss)} = **{(r.After.SiloRss - r.Before.SiloRss) / n / 1024:F1} KiB per shop** |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **Garnet** (no `used_memory` in its INFO): resident set / main store size / keys | {MemoryPoint.Mib(r.Before.Garnet.ProcessPhysical)} → {MemoryPoint.Mib(r.After.Garnet.ProcessPhysical)} = **{(r.After.Garnet.ProcessPhysical - r.Before.Garnet.ProcessPhysical) / n / 1024:F1} KiB per shop** / {MemoryPoint.Mib(r.Before.Garnet.MainStoreSize)} → {MemoryPoint.Mib(r.After.Garnet.MainStoreSize)} / {r.Before.Garnet.Keys:N0} → {r.After.Garnet.Keys:N0} ({(r.After.Garnet.Keys - r.Before.Garnet.Keys) / n:F1} per shop) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **orders sync lag** over {r.Samples.Count} read-model samples (now − watermark, includes the 15 s settle) | **p50 {Stats.Percentile(ordersLag, 50):F0} s, p99 {Stats.Percentile(ordersLag, 99):F0} s**, max {ordersLag.DefaultIfEmpty().Max():F0} s |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| worst windowed domain lag per shop | p50 {Stats.Percentile(worstLag, 50):F0} s, p99 {Stats.Percentile(worstLag, 99):F0} s |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| shops whose every domain lags less than its interval + settle + `MaxIdleDelay` (last sample) | {lastLag.AllWithinInterval:N0} of {lastLag.Reported:N0} (orders: {lastLag.OrdersWithinInterval:N0}); with a failing domain: {lastLag.WithErrors:N0} |");
        return md.ToString();
    }

    private sealed record ScaleResult(
        int Shops, OnboardingResult Onboarding, long OnboardCalls, TimeSpan Warmup, double Seconds, double SiloCpu, double GarnetCpu, double BenchCpu,
        double CallsPerSecond, long Limited, double Expected, string Paths, IReadOnlyList<LagSnapshot> Samples, MemoryPoint Before, MemoryPoint After, int Activations);
}
