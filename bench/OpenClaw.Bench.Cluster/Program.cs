using System.Diagnostics;
using OpenClaw.Bench.Cluster;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;

// Usage: dotnet run -c Release --project bench/OpenClaw.Bench.Cluster -- [all|failover|calls|memory]
//        [--runs 10] [--stores garnet,redis] [--activations 20000] [--calls 20000] [--seconds 5]
var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var total = Stopwatch.StartNew();
Console.WriteLine($"# OpenClaw cluster bench — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"machine: {Machine.Describe()}");
Console.WriteLine($"silo: {SiloProcess.AssemblyPath}");
Console.WriteLine($"Orleans ClusterMembershipOptions defaults (this build): {FailoverBench.VerifyOrleansDefaults()}");

var failover = new List<FailoverRow>();
IReadOnlyList<CallRow> calls = [];
IReadOnlyList<MemoryRow> memory = [];
if (options.Runs("failover"))
{
    foreach (var store in options.Stores)
    {
        Console.WriteLine($"\n## failover on {store} ({options.FailoverRuns} runs each)");
        failover.AddRange(await FailoverBench.RunAsync(store, options.FailoverRuns, cancel.Token));
    }
}

if (options.Runs("calls") || options.Runs("memory"))
{
    await using var redis = await RedisServer.StartAsync(options.Stores[0]);
    if (options.Runs("calls"))
    {
        Console.WriteLine($"\n## grain calls ({options.Calls:N0} sequential calls, then {options.Seconds} s of concurrent calls)");
        calls = await CallBench.RunAsync(redis, options.Calls, TimeSpan.FromSeconds(options.Seconds), cancel.Token);
    }

    if (options.Runs("memory"))
    {
        Console.WriteLine($"\n## memory per idle activation ({options.Activations:N0} shop grains)");
        memory = await MemoryBench.RunAsync(redis, options.Activations, cancel.Token);
    }
}

Console.WriteLine();
Console.WriteLine(Report.Markdown(failover, calls, memory));
Console.WriteLine($"bench took {total.Elapsed.TotalMinutes:F1} min; at the end: {Machine.Describe()}");
var lost = failover.Sum(r => r.Runs.Sum(x => x.LostWrites));
return lost == 0 ? 0 : 1;
