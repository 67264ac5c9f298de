using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Bench.Cluster;
using OpenClaw.Grains.Metrics.Queries;

namespace OpenClaw.Bench.Api;

/// <summary>
/// <c>compare</c> (issue 10): the comparison over 1,000 shops × 90 days grouped by region, warehouse and category,
/// measured twice: <see cref="MetricsQuery.CompareAsync"/> called directly in the API process one call at a time, then
/// <c>GET /api/v1/metrics/compare</c> from the load process with one client per grouping and with many by region.
/// </summary>
internal static class CompareScenario
{
    private static readonly MetricsGrouping[] Groupings = [MetricsGrouping.Region, MetricsGrouping.Warehouse, MetricsGrouping.Category];

    public static async Task<string> RunAsync(BenchArgs o, CancellationToken ct)
    {
        var (stack, seed) = await SeededStack.StartAsync(o, ct);
        await using var _ = stack;
        var md = new StringBuilder();
        md.AppendLine(SeededStack.Describe(stack, seed));
        var repeat = o.Int("repeat", 10);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddDays(1 - seed.Days);
        var query = stack.ApiServices.GetRequiredService<MetricsQuery>();
        var shopIds = stack.Shops.Select(s => s.ShopId).ToList();

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"`MetricsQuery.CompareAsync` directly ({repeat} calls one after another after one warm-up, {seed.Days} days):");
        md.AppendLine();
        md.AppendLine("| grouped by | groups | p50 | p99 (= max of the calls) | Redis timeouts |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var by in Groupings)
        {
            var times = new List<double>();
            var groups = 0;
            var timeouts = 0;
            for (var i = 0; i <= repeat; i++)
            {
                var t = Stopwatch.GetTimestamp();
                try
                {
                    var comparison = await query.CompareAsync(shopIds, from, today, by);
                    groups = comparison.Groups.Count;
                    if (i > 0)
                    {
                        times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    }
                }
                catch (StackExchange.Redis.RedisTimeoutException)
                {
                    timeouts++; // the API's multiplexer gave up (5 s, as Aspire configures it)
                }
            }

            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {by.ToString().ToLowerInvariant()} | {groups:N0} | {Stats.Ms(Stats.Percentile(times, 50))} | {Stats.Ms(Stats.Percentile(times, 99))} | {timeouts} of {repeat + 1} |");
            Console.WriteLine(row);
            md.AppendLine(row);
        }

        var (warmup, seconds) = (o.Int("warmup", 5), o.Int("seconds", 20));
        var runs = new List<LoadRunResult>();
        // One client per grouping (service time), then the many on the region grouping (they overload it alike).
        foreach (var (by, clients) in Groupings.Select(g => (g, 1)).Append((MetricsGrouping.Region, o.Int("clients", 64))))
        {
            var name = by.ToString().ToLowerInvariant();
            var path = $"/api/v1/metrics/compare?by={name}&from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}";
            runs.Add(await LoadRun.RunAsync(stack, $"compare by {name}, {seed.Days} days", [path], clients, clients == 1 ? 2 : warmup, seconds));
        }

        md.AppendLine();
        md.AppendLine("`GET /api/v1/metrics/compare` from the load process:");
        md.AppendLine();
        md.AppendLine(LoadRunResult.Header);
        runs.ForEach(r => md.AppendLine(r.Row()));
        return md.ToString();
    }
}
