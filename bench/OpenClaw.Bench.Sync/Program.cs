using System.Diagnostics;
using OpenClaw.Bench.Cluster;
using OpenClaw.Bench.Sync;

// Usage: dotnet run -c Release --project bench/OpenClaw.Bench.Sync -- rate|scale|soak|backfill [--option value]…
// (options and defaults: docs/benchmarks.md, "Shop sync: rate, quota and scale"; soak = scale with 1,000 shops for an hour, sampling memory).
var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var total = Stopwatch.StartNew();
Console.WriteLine($"# OpenClaw sync bench: {options.Scenario} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"command: dotnet run -c Release --project bench/OpenClaw.Bench.Sync -- {options.CommandLine}");
Console.WriteLine($"machine: {Machine.Describe()}");
var report = options.Scenario switch
{
    "rate" => await RateScenario.RunAsync(options, cancel.Token),
    "backfill" => await BackfillScenario.RunAsync(options, cancel.Token),
    _ => await ScaleScenario.RunAsync(options, cancel.Token),
};
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"bench took {total.Elapsed.TotalMinutes:F1} min; at the end: {Machine.Describe()}");
