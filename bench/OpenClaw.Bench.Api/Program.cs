using System.Diagnostics;
using OpenClaw.Bench.Api;
using OpenClaw.Bench.Cluster;

// Usage: dotnet run -c Release --project bench/OpenClaw.Bench.Api -- overview|compare|memory|csv [--option value]…
// (options and defaults: docs/benchmarks.md, "Metrics and API"). The verbs load and export are the bench's own load
// process, started by the scenarios with a plan file.
if (args is ["load", var loadPlan])
{
    return await LoadGenerator.RunAsync(loadPlan);
}

if (args is ["export", var exportPlan])
{
    return await ExportClient.RunAsync(exportPlan);
}

if (args.Length == 0 || args[0] is not ("overview" or "compare" or "memory" or "csv"))
{
    Console.Error.WriteLine(BenchArgs.Usage);
    return 2;
}

var options = new BenchArgs(args[0], args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var total = Stopwatch.StartNew();
Console.WriteLine($"# OpenClaw API bench: {options.Scenario} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"command: dotnet run -c Release --project bench/OpenClaw.Bench.Api -- {options.CommandLine}");
Console.WriteLine($"machine: {Machine.Describe()}");
var report = options.Scenario switch
{
    "overview" => await OverviewScenario.RunAsync(options, cancel.Token),
    "compare" => await CompareScenario.RunAsync(options, cancel.Token),
    "memory" => await MemoryScenario.RunAsync(options, cancel.Token),
    _ => await CsvScenario.RunAsync(options, cancel.Token),
};
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"bench took {total.Elapsed.TotalMinutes:F1} min; at the end: {Machine.Describe()}");
return 0;
