using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.Api.Metrics;
using OpenClaw.Bench.Cluster;
using OpenClaw.Grains.Metrics.Queries;
using StackExchange.Redis;

namespace OpenClaw.Bench.Api;

/// <summary>
/// <c>overview</c>: 1,000 paused shops of one tenant with 90 days of buckets (<see cref="MetricSeeder"/>); the load
/// process's 64 clients hammer <c>GET /api/v1/metrics/overview</c> over 30 and 90 days — the default page (tenant total
/// and 50 shops) and the whole list (<c>limit=1000</c>, plain and gzip) — then the shop list, then both mixed (does a
/// heavy read starve a light one?), and the default page again while <c>--churn-per-second</c> shops a second (default
/// 8: each of 1,000 shops about every 2 min, like its orders poll) change their buckets' version. A profile
/// follows: one client alone, Redis commands per request, and the same reads in-process (query, then JSON) to say where
/// the time goes. Target (issue 15): p99 ≤ 50 ms for the overview with 64 clients.
/// </summary>
internal static class OverviewScenario
{
    public static async Task<string> RunAsync(BenchArgs o, CancellationToken ct)
    {
        var (stack, seed) = await SeededStack.StartAsync(o, ct);
        await using var _ = stack;
        var md = new StringBuilder();
        md.AppendLine(SeededStack.Describe(stack, seed));
        var clients = o.Int("clients", 64);
        var (warmup, seconds) = (o.Int("warmup", 5), o.Int("seconds", 20));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var ranges = new[] { 30, 90 }.Select(days => (Days: days, Path: $"/api/v1/metrics/overview?from={today.AddDays(1 - days):yyyy-MM-dd}&to={today:yyyy-MM-dd}")).ToList();
        const string List = "/api/v1/shops?limit=200";

        // Profile first, on a quiet API.
        var profile = new StringBuilder();
        profile.AppendLine("Profile (in the API process, one request at a time, 5 of each after one warm-up):");
        profile.AppendLine();
        profile.AppendLine("| overview over | Redis commands per request | `CompareAsync(by shop)` | `ShopTotalsAsync` | JSON of the response (size) |");
        profile.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (days, path) in ranges)
        {
            profile.AppendLine(await ProfileAsync(stack, days, path, today));
        }

        profile.AppendLine();
        profile.AppendLine(await BucketSizeAsync(stack, 90));
        Console.WriteLine(profile);
        // One client first (service time on a quiet API), then the 64: an overloaded run leaves a Redis backlog behind.
        var runs = new List<LoadRunResult>();
        foreach (var (days, path) in ranges)
        {
            runs.Add(await LoadRun.RunAsync(stack, $"overview, {days} days, one client alone", [path], 1, 2, seconds));
        }

        runs.Add(await LoadRun.RunAsync(stack, "shop list (`limit=200`, first page)", [List], clients, warmup, seconds));
        foreach (var (days, path) in ranges)
        {
            runs.Add(await LoadRun.RunAsync(stack, $"overview, {days} days (default page: total + 50 shops)", [path], clients, warmup, seconds));
        }

        // The same while shops keep syncing: each refresh (every FreshFor, 15 s) re-reads the shops written since.
        var churn = o.Int("churn-per-second", 8);
        await using (BucketChurn.Start(stack.Redis, [.. stack.Shops.Select(s => s.ShopId)], churn))
        {
            foreach (var (days, path) in ranges)
            {
                runs.Add(await LoadRun.RunAsync(stack, $"overview, {days} days, default page, {churn} shops written a second", [path], clients, warmup, seconds));
            }
        }

        foreach (var (days, path) in ranges)
        {
            runs.Add(await LoadRun.RunAsync(stack, $"overview, {days} days, every shop (`limit=1000`)", [path + "&limit=1000"], clients, warmup, seconds));
        }

        // The whole list for clients accepting gzip (each page of a shared result is compressed once, not per request).
        foreach (var (days, path) in ranges)
        {
            runs.Add(await LoadRun.RunAsync(stack, $"overview, {days} days, every shop, `Accept-Encoding: gzip`", [path + "&limit=1000"], clients, warmup, seconds, gzip: true));
        }

        // Heavy reads beside light ones: the same clients take the shop list and four 90-day overviews (distinct ranges,
        // so four shared results that keep refreshing in the background) in turn; rows per path.
        var heavy = Enumerable.Range(0, 4).Select(k => $"/api/v1/metrics/overview?from={today.AddDays(-89 - k):yyyy-MM-dd}&to={today.AddDays(-k):yyyy-MM-dd}").ToList();
        var mixed = await LoadRun.RunAsync(stack, "mixed", [List, .. heavy], clients, warmup, seconds);
        runs.Add(mixed with { Label = "shop list, mixed with 90-day overviews (4 ranges)", Load = mixed.Load with { Paths = [mixed.Load.Paths[0]] } });
        runs.Add(mixed with { Label = "overview 90 days (4 ranges), mixed with the shop list", Load = mixed.Load with { Paths = [.. mixed.Load.Paths.Skip(1)] } });
        md.AppendLine();
        md.AppendLine(LoadRunResult.Header);
        runs.ForEach(r => md.AppendLine(r.Row()));
        md.AppendLine();
        md.AppendLine(profile.ToString());
        return md.ToString();
    }

    // Where one overview's time goes: Redis commands it sends, the two query reads it makes, the JSON it writes.
    private static async Task<string> ProfileAsync(ApiStack stack, int days, string path, DateOnly today)
    {
        var query = stack.ApiServices.GetRequiredService<MetricsQuery>();
        var json = stack.ApiServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var shopIds = stack.Shops.Select(s => s.ShopId).ToList();
        var from = today.AddDays(1 - days);

        using var http = new HttpClient { BaseAddress = new Uri(stack.ApiUrl) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", stack.TenantKey);
        // Counted by the API's own multiplexer (Garnet keeps no command statistics by default).
        var apiRedis = stack.ApiRedis;
        var commands0 = apiRedis.OperationCount;
        int status;
        using (var first = await http.GetAsync(path))
        {
            status = (int)first.StatusCode; // 503 when the API's Redis reads time out
        }

        var commands = apiRedis.OperationCount - commands0;

        var compare = new List<double>();
        var totals = new List<double>();
        var serialize = new List<double>();
        var size = 0;
        try
        {
            for (var i = 0; i < 6; i++)
            {
                var t = Stopwatch.GetTimestamp();
                var comparison = await query.CompareAsync(shopIds, from, today, MetricsGrouping.Shop);
                var c = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                t = Stopwatch.GetTimestamp();
                var shops = await query.ShopTotalsAsync(shopIds, from, today);
                var s = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                t = Stopwatch.GetTimestamp();
                var body = JsonSerializer.SerializeToUtf8Bytes(
                    new MetricsOverview(DateTimeOffset.UtcNow, from, today, comparison.DayBoundary, comparison.Total, shops.Count, shops, null), json);
                var j = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                size = body.Length;
                if (i > 0)
                {
                    compare.Add(c);
                    totals.Add(s);
                    serialize.Add(j);
                }
            }
        }
        catch (RedisTimeoutException ex)
        {
            // The API's own multiplexer (5 s timeout, as Aspire configures it) gave up: the read moves too much.
            return string.Create(CultureInfo.InvariantCulture,
                $"| {days} days | {commands:N0} (HTTP {status}) | Redis timeout after {compare.Count + totals.Count} timed reads: {ex.Message[..Math.Min(160, ex.Message.Length)]}… | | |");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"| {days} days | {commands:N0} (HTTP {status}) | {Stats.Ms(Stats.Percentile(compare, 50))} | {Stats.Ms(Stats.Percentile(totals, 50))} | {Stats.Ms(Stats.Percentile(serialize, 50))} ({size / 1024:N0} KiB) |");
    }

    // What one day bucket holds: fields and reply bytes (names + values), over 200 buckets of the range's last day.
    public static async Task<string> BucketSizeAsync(ApiStack stack, int days)
    {
        var db = stack.Redis.GetDatabase();
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var buckets = await Task.WhenAll(stack.Shops.Take(200).Select(s => db.HashGetAllAsync(OpenClaw.Grains.Metrics.Storage.MetricKeys.Day(s.ShopId, day))));
        var fields = buckets.Average(b => b.Length);
        var bytes = buckets.Average(b => b.Sum(f => f.Name.ToString().Length + f.Value.ToString().Length + 16)); // + RESP framing
        var perRead = bytes * stack.Shops.Count * days;
        return string.Create(CultureInfo.InvariantCulture,
            $"A day bucket holds {fields:F0} fields ≈ {bytes / 1024:F1} KiB of reply (names, values, RESP framing); one read of {stack.Shops.Count:N0} shops × {days} days moves ≈ {perRead / 1048576:F0} MiB from Redis, and the overview reads twice (`CompareAsync` and `ShopTotalsAsync`).");
    }
}
