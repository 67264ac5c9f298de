using System.Text;
using OpenClaw.Silo.Tests.Cluster;

namespace OpenClaw.Bench.Cluster;

/// <summary>The bench's results as the Markdown tables docs/benchmarks.md carries.</summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<FailoverRow> failover, IReadOnlyList<CallRow> calls, IReadOnlyList<MemoryRow> memory)
    {
        var md = new StringBuilder();
        if (failover.Count > 0)
        {
            md.AppendLine("| store | membership | stop | runs | answers again p50 | worst | writer resumed p50 | worst | silo exited p50 | writes acknowledged | writes lost |");
            md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in failover)
            {
                var answered = row.Runs.Select(r => r.AnsweredAfter.TotalMilliseconds).ToList();
                var resumed = row.Runs.Select(r => r.WriterResumedAfter.TotalMilliseconds).ToList();
                var exited = row.Runs.Where(r => r.ExitedAfter is not null).Select(r => r.ExitedAfter!.Value.TotalMilliseconds).ToList();
                md.AppendLine(
                    $"| {row.Store} | {row.Membership} | {(row.How == SiloStop.Kill ? "SIGKILL" : "SIGTERM")} | {row.Runs.Count} | " +
                    $"{Stats.Seconds(Stats.Percentile(answered, 50))} | {Stats.Seconds(answered.Max())} | " +
                    $"{Stats.Seconds(Stats.Percentile(resumed, 50))} | {Stats.Seconds(resumed.Max())} | " +
                    $"{(exited.Count > 0 ? Stats.Seconds(Stats.Percentile(exited, 50)) : "-")} | " +
                    $"{Stats.Count(row.Runs.Sum(r => r.Writes.Count))} | {row.Runs.Sum(r => r.LostWrites)} |");
            }

            md.AppendLine();
        }

        if (calls.Count > 0)
        {
            md.AppendLine("| call path (`IShopGrain.GetAsync`) | p50 | p99 | max | throughput (32 concurrent callers) |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var row in calls)
            {
                md.AppendLine($"| {row.Path} | {Stats.Ms(row.P50Ms)} | {Stats.Ms(row.P99Ms)} | {Stats.Ms(row.MaxMs)} | {Stats.Count(row.CallsPerSecond)} calls/s |");
            }

            md.AppendLine();
        }

        if (memory.Count > 0)
        {
            md.AppendLine("| where | measure | before | after | activations | per idle activation |");
            md.AppendLine("|---|---|---:|---:|---:|---:|");
            foreach (var row in memory)
            {
                md.AppendLine($"| {row.Where} | {row.Metric} | {row.BeforeBytes / 1048576.0:F1} MiB | {row.AfterBytes / 1048576.0:F1} MiB | {row.Activations:N0} | {row.BytesPerActivation:N0} B |");
            }
        }

        return md.ToString();
    }
}
