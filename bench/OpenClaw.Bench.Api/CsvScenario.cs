using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Bench.Cluster;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.Bench.Api;

/// <summary>
/// <c>csv</c> (issue 15): 100,000 ops-error groups for the tenant (1,000 shop ids × 10 endpoints × 10 catalogue codes;
/// the export reads only the tenant's ops-error keys, so the shops are not onboarded: the stack has one),
/// written through <see cref="OpsErrorBook.RecordAsync"/> as the shop grains write them, then
/// <c>GET /api/v1/ops-errors/export.csv</c> downloaded by the export process while this process (the API) samples its
/// working set and GC heap every 10 ms. Target: last byte ≤ 3 s, memory flat.
/// </summary>
internal static class CsvScenario
{
    private static readonly string[] Endpoints =
    [
        "/order/202309/orders/search", "/order/202309/orders", "/return_refund/202309/returns/search", "/return_refund/202309/cancellations/search",
        "/fulfillment/202309/packages/search", "/fulfillment/202309/packages/{package_id}/shipping_documents", "/product/202309/products/search",
        "/product/202309/products/{product_id}", "/logistics/202309/warehouses", "/api/v2/token/refresh",
    ];

    public static async Task<string> RunAsync(BenchArgs o, CancellationToken ct)
    {
        await using var stack = await ApiStack.StartAsync(1, o.Text("garnet-memory", "4g"), ct);
        var records = o.Int("records", 100_000);
        var shops = Enumerable.Range(0, o.Int("shops", 1_000)).Select(i => "7496" + i.ToString("D15", CultureInfo.InvariantCulture)).ToList();
        var codes = ErrorCatalogue.Entries.Take(10).ToList();
        var book = new OpsErrorBook(stack.Redis, Options.Create(new OpsErrorOptions()), TimeProvider.System, NullLogger<OpsErrorBook>.Instance);
        var seeding = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, records), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct }, async (i, _) =>
        {
            var shop = shops[i % shops.Count];
            var endpoint = Endpoints[i / shops.Count % Endpoints.Length];
            var entry = codes[i / shops.Count / Endpoints.Length % codes.Count];
            var error = new TikTokShopError(entry.HttpStatus, entry.Code, $"{entry.Meaning} (request {i})", $"2026113012{i:D10}", endpoint, entry);
            await book.RecordAsync(ApiStack.TenantId, shop, new FailedCall(endpoint.Contains("token", StringComparison.Ordinal) ? "POST" : "GET", endpoint, error, i % 4, i % 3 == 0,
                $"GET {endpoint}?shop_cipher=***&page_size=50", "{\"code\":" + (entry.Code ?? 0).ToString(CultureInfo.InvariantCulture) + ",\"message\":\"" + entry.Meaning + "\",\"data\":{}}"));
        });
        seeding.Stop();
        var groups = await stack.Redis.GetDatabase().SortedSetLengthAsync(OpsErrorKeys.All(ApiStack.TenantId));
        Console.WriteLine($"recorded {records:N0} failed calls in {seeding.Elapsed.TotalSeconds:F1} s: {groups:N0} groups");

        // With --heap-limit-mib the exports run under a GC heap hard limit (this process only, not Garnet or the silo):
        // an export that held rows would fail with OutOfMemoryException instead of growing the heap.
        var heapLimit = o.Int("heap-limit-mib", 0);
        if (heapLimit > 0)
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true); // the limit must exceed what is committed now
            AppContext.SetData("GCHeapHardLimit", (ulong)heapLimit * 1024 * 1024);
            GC.RefreshMemoryLimit();
        }

        var samples = new List<(long WorkingSet, long Heap)>();
        var (beforeSet, beforeHeap) = Memory(collect: true);
        var resultPath = LoadGenerator.NewResultPath();
        var plan = new ExportPlan(stack.ApiUrl, stack.TenantKey, "/api/v1/ops-errors/export.csv", o.Int("runs", 3), resultPath);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                samples.Add(Memory(collect: false));
                await Task.Delay(10, CancellationToken.None);
            }
        }, CancellationToken.None);
        var cpu0 = stack.CpuTimes();
        var wall = Stopwatch.StartNew();
        var runs = await LoadGenerator.RunChildAsync<List<ExportRun>>("export", plan, resultPath);
        var cpu1 = stack.CpuTimes();
        await sampling.CancelAsync();
        await sampler;
        var (afterSet, afterHeap) = Memory(collect: true);

        var md = new StringBuilder();
        var capped = heapLimit > 0 ? $", with this process's GC heap capped at {heapLimit} MiB (`GCHeapHardLimit`) during the exports." : ".";
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Data: {records:N0} failed calls recorded through `OpsErrorBook.RecordAsync` in {seeding.Elapsed.TotalSeconds:F1} s ({records / seeding.Elapsed.TotalSeconds:N0}/s, 64 at once) " +
            $"= {groups:N0} groups ({shops.Count:N0} shops × {Endpoints.Length} endpoints × {codes.Count} catalogue codes), on Garnet; the export process downloads the whole export {runs.Count} times one after another{capped}");
        md.AppendLine();
        md.AppendLine("| run | first byte | **last byte** | size | rows | BOM / header | truncated |");
        md.AppendLine("|---|---:|---:|---:|---:|---|---|");
        foreach (var (run, i) in runs.Select((r, i) => (r, i + 1)))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {i} | {Stats.Ms(run.FirstByteMs)} | **{Stats.Seconds(run.LastByteMs)}** | {run.Bytes / 1048576.0:F1} MiB | {run.Rows:N0} | {(run.Bom ? "yes" : "NO")} / `{run.Header[..Math.Min(60, run.Header.Length)]}…` | {run.Truncated} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"API process memory (sampled every 10 ms during the {runs.Count} exports; before and after: after a full GC): working set {Mib(beforeSet)} before → peak **{Mib(samples.Max(s => s.WorkingSet))}** → {Mib(afterSet)} after; " +
            $"managed heap (`GC.GetTotalMemory`) {Mib(beforeHeap)} before → peak **{Mib(samples.Max(s => s.Heap))}** → {Mib(afterHeap)} after. " +
            $"CPU over the exports: API {(cpu1.Api - cpu0.Api) / wall.Elapsed:P0}, Garnet {(cpu1.Garnet - cpu0.Garnet) / wall.Elapsed:P0} of one core.");
        return md.ToString();
    }

    private static (long WorkingSet, long Heap) Memory(bool collect)
    {
        if (collect)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";
}
