using System.Globalization;
using System.Text;
using OpenClaw.Bench.Cluster;
using OpenClaw.Bench.Sync;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Bench.Api;

/// <summary>
/// <c>memory</c> (issue 10): Redis memory per shop per retained day. <c>shops</c> shops (default 100, zones as the
/// simulator spreads them) get 90 days at <c>orders-per-day</c> (default 40, the simulator's default volume) through
/// <see cref="MetricSeeder"/>, on Garnet and on redis-server. Measured per server: <c>MEMORY USAGE</c> summed over the
/// day buckets, the ledger and the stored entities (what the metrics need besides the buckets), and the server's own
/// figure (redis-server: <c>used_memory</c> delta; Garnet has none: resident set delta). No silo or API: only the store.
/// </summary>
internal static class MemoryScenario
{
    private static readonly string[] Zones = ["America/Los_Angeles", "Europe/London", "Asia/Bangkok"];

    public static async Task<string> RunAsync(BenchArgs o, CancellationToken ct)
    {
        var shops = Enumerable.Range(0, o.Int("shops", 100))
            .Select(i => ("7495" + i.ToString("D15", CultureInfo.InvariantCulture), Zones[i % Zones.Length])).ToList();
        var (days, ordersPerDay) = (o.Int("days", 90), o.Int("orders-per-day", 40));
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Data: {shops.Count} shops × {days} days × {ordersPerDay} orders per shop-day ({MetricSeeder.ProductsPerShop} products, {MetricSeeder.WarehousesPerShop} warehouses per shop), written through `EntityStore` + `MetricBook.ApplyAsync`.");
        md.AppendLine();
        md.AppendLine("| server | day buckets (keys) | **per shop per retained day** | ledger per shop-day | stored entities per shop-day | server's own delta per shop-day |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");

        await using (var garnet = await Garnet.StartAsync(o.Text("garnet-memory", "2g")))
        {
            using var redis = await Garnet.ConnectAsync(garnet.ConnectionString);
            var rss0 = ProcessStats.Rss(garnet.ProcessIds);
            md.AppendLine(await MeasureAsync("Garnet", redis, shops, days, ordersPerDay, () => Task.FromResult(ProcessStats.Rss(garnet.ProcessIds) - rss0), "resident set", ct));
        }

        if (Machine.HasRedisServer)
        {
            await using var server = await RedisServer.StartAsync(RedisServerKind.Redis);
            using var redis = await Garnet.ConnectAsync(server.ConnectionString);
            var used0 = await UsedMemoryAsync(redis);
            md.AppendLine(await MeasureAsync("redis-server", redis, shops, days, ordersPerDay, async () => await UsedMemoryAsync(redis) - used0, "`used_memory`", ct));
        }

        return md.ToString();
    }

    private static async Task<string> MeasureAsync(string name, ConnectionMultiplexer redis, List<(string, string)> shops, int days, int ordersPerDay,
        Func<Task<long>> serverDelta, string serverMeasure, CancellationToken ct)
    {
        var seed = await new MetricSeeder(redis).SeedAsync(shops, days, ordersPerDay, 8, ct);
        Console.WriteLine($"{name}: seeded {seed.Orders:N0} orders in {seed.Elapsed.TotalSeconds:F0} s");
        var server = redis.GetServers()[0];
        long buckets = 0, bucketKeys = 0, ledger = 0, entities = 0;
        await foreach (var key in server.KeysAsync(pattern: "oc:{s:*", pageSize: 1000))
        {
            var usage = (long)(await redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", key));
            var text = key.ToString();
            if (text.Contains(":m:20", StringComparison.Ordinal))
            {
                buckets += usage;
                bucketKeys++;
            }
            else if (text.EndsWith(":m:ledger", StringComparison.Ordinal))
            {
                ledger += usage;
            }
            else if (text.Contains(":e:", StringComparison.Ordinal) || !text.Contains(":m:", StringComparison.Ordinal))
            {
                entities += usage;
            }
        }

        var shopDays = (double)shops.Count * days;
        var delta = await serverDelta();
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Kib(buckets)} ({bucketKeys:N0}) | **{buckets / shopDays / 1024:F2} KiB** ({buckets / (double)bucketKeys:N0} B per bucket key) | {ledger / shopDays / 1024:F2} KiB | {entities / shopDays / 1024:F2} KiB | {delta / shopDays / 1024:F2} KiB ({serverMeasure}) |");
        Console.WriteLine(row);
        return row;
    }

    private static async Task<long> UsedMemoryAsync(ConnectionMultiplexer redis)
    {
        var info = (await redis.GetServers()[0].InfoAsync("memory")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return long.Parse(info["used_memory"], CultureInfo.InvariantCulture);
    }

    private static string Kib(long bytes) => (bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture) + " MiB";
}
