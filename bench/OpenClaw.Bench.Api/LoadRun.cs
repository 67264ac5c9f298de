using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Api.Metrics;
using OpenClaw.Bench.Cluster;
using OpenClaw.Bench.Sync;

namespace OpenClaw.Bench.Api;

/// <summary>One load run and the CPU each process used over its measured window (fractions of one core).</summary>
internal sealed record LoadRunResult(string Label, LoadResult Load, double ApiCpu, double SiloCpu, double GarnetCpu, double LoadCpu)
{
    public string Row()
    {
        var p = Load.Paths;
        var errors = p.Sum(x => x.Errors);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Label} | {Load.Clients} | {p.Sum(x => x.Requests):N0} | **{Load.RequestsPerSecond:F1}/s** | {Stats.Ms(p.Max(x => x.P50))} | {Stats.Ms(p.Max(x => x.P90))} | **{Stats.Ms(p.Max(x => x.P99))}** | {Stats.Ms(p.Max(x => x.Max))} | {p.Average(x => x.MeanBytes) / 1024:N0} KiB | {ApiCpu:P0} / {SiloCpu:P0} / {GarnetCpu:P0} / {LoadCpu:P0} | {errors}{(errors > 0 ? " (" + p.First(x => x.FirstError is not null).FirstError + ")" : "")} |");
    }

    public const string Header =
        "| endpoint | clients | requests | throughput | p50 | p90 | p99 | max | body | CPU API / silo / Garnet / load generator (of one core) | errors |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|";
}

/// <summary>Runs the load process against the stack's API and reads the CPU of every process over its measured window.</summary>
internal static class LoadRun
{
    public static async Task<LoadRunResult> RunAsync(ApiStack stack, string label, IReadOnlyList<string> paths, int clients, int warmup, int seconds,
        bool gzip = false)
    {
        var snapshots = stack.ApiServices.GetRequiredService<MetricsSnapshots>();
        var computations = snapshots.Computations;
        var resultPath = LoadGenerator.NewResultPath();
        var plan = new LoadPlan(stack.ApiUrl, stack.TenantKey, paths, clients, warmup, seconds, resultPath, gzip);
        double api = 0, silo = 0, garnet = 0, load = 0;
        var result = await LoadGenerator.RunChildAsync<LoadResult>("load", plan, resultPath, async pid =>
        {
            await Task.Delay(TimeSpan.FromSeconds(warmup));
            var wall = Stopwatch.StartNew();
            var before = stack.CpuTimes();
            var loadBefore = ProcessStats.CpuTime([pid]);
            await Task.Delay(TimeSpan.FromSeconds(seconds - 0.5));
            var after = stack.CpuTimes();
            var loadAfter = ProcessStats.CpuTime([pid]);
            var elapsed = wall.Elapsed;
            (api, silo, garnet, load) = ((after.Api - before.Api) / elapsed, (after.Silo - before.Silo) / elapsed, (after.Garnet - before.Garnet) / elapsed, (loadAfter - loadBefore) / elapsed);
        });
        var run = new LoadRunResult(label, result, api, silo, garnet, load);
        Console.WriteLine(run.Row());
        Console.WriteLine($"  shared metrics computations (first reads and refreshes) during the run: {snapshots.Computations - computations}");

        // Commands an overloaded run left queued in the API's multiplexer are still sent: let them drain first.
        var drain = Stopwatch.StartNew();
        while (stack.ApiRedis.GetCounters().TotalOutstanding > 0 && drain.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(500);
        }

        Console.WriteLine($"  API Redis backlog drained after {drain.Elapsed.TotalSeconds:F0} s");
        return run;
    }
}
