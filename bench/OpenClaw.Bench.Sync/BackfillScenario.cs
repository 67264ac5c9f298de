using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenClaw.Bench.Cluster;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Sync;
using OpenClaw.Silo.Tests.Cluster;
using StackExchange.Redis;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// <c>backfill</c>: N shops (<c>ActivitySpread=Even</c>) with D days of order history each — by default 200 shops × 167
/// orders a day × 30 days ≈ 1,000,000 orders — onboarded at once under the simulator's per-app and per-shop limits,
/// silos in their own processes, the budget at a share of the limits. Measured from the first connect to every shop's
/// history stored: calls/s against the per-app limit (the physical limit), 429s, orders stored per second, and every
/// shop's stored orders against the simulator's count of orders created (nothing lost, nothing extra).
/// </summary>
internal static class BackfillScenario
{
    public static async Task<string> RunAsync(BenchOptions o, CancellationToken ct)
    {
        var shopsCount = o.Int("shops", 200);
        var perDay = o.Int("orders-per-day", 167);
        var days = o.Int("history-days", 30);
        var appQps = o.Int("app-qps", 100);
        var shopQps = o.Int("shop-qps", 10);
        var share = o.Double("budget-qps-share", 0.9);
        var cap = TimeSpan.FromSeconds(o.Int("max-seconds", 3_600));
        var siloCount = o.Int("silos", 2);

        await using var garnet = await Garnet.StartAsync(o.Text("garnet-memory", "4g"));
        using var redis = await Garnet.ConnectAsync(garnet.ConnectionString);
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await using var simulator = await SimulatorHost.StartAsync(
        [
            $"Seed={o.Int("seed", 13)}", $"ShopCount={shopsCount}", "ActivitySpread=Even", "ClockSpeed=1", "ClockStart=" + SimulatorHost.Iso(start),
            $"HistoryDays={days}", $"OrdersPerShopPerDay={perDay}", $"CachedShopDays={Math.Max(16_384, shopsCount * (days + 40))}",
            $"RateLimit:PerAppPerSecond={appQps}", $"RateLimit:PerShopPerSecond={shopQps}",
        ]);
        Console.WriteLine($"simulator {simulator.Url}: {shopsCount} shops × ~{perDay} orders/day × {days} days, {appQps}/s per app, {shopQps}/s per shop, no quota");

        await using var cluster = new SiloCluster(garnet.ConnectionString, new Dictionary<string, string>(simulator.TikTokSettings("__"))
        {
            ["RateBudget__AppKey"] = "bench-backfill",
            ["RateBudget__PerAppPerSecond"] = Num(appQps * share),
            ["RateBudget__PerShopPerSecond"] = Num(shopQps * share),
            ["RateBudget__DailyQuota"] = "1000000000",
            // One day more than the history, so the window reaches back before the simulator's first order.
            ["Sync__InitialBackfill"] = TimeSpan.FromDays(days + 1).ToString("c", CultureInfo.InvariantCulture),
            ["Sync__ProductBackfill"] = "00:00:00",
            ["Logging__LogLevel__OpenClaw"] = "Warning",
        });
        await cluster.StartSilosAsync(siloCount, ct);
        await using var client = await cluster.ConnectClientAsync(TimeSpan.FromSeconds(60), ct);
        Console.WriteLine($"{siloCount} silo processes healthy; budget {Num(appQps * share)}/s per app, {Num(shopQps * share)}/s per shop");

        var shopIds = await simulator.ShopIdsAsync();
        var traffic = simulator.Traffic;
        var readModel = new ShopReadModel(redis);
        var from = Whole(traffic.Elapsed);
        var onboarding = await Onboarding.RunAsync(client.Client, simulator.Http, shopIds, "backfill-tenant", o.Int("tenants", 10), o.Int("parallel", 10), ct);
        Console.WriteLine($"onboarded {onboarding.Connected}/{shopsCount} in {onboarding.Elapsed.TotalSeconds:F1} s ({onboarding.Failed} failed{(onboarding.FirstError is { } e ? ": " + e : "")})");

        TimeSpan? doneAt = null;
        var perSecond = new List<double>();
        var (lastStored, lastAt) = (0L, from);
        while (doneAt is null && traffic.Elapsed - from < cap)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            var lag = await LagSnapshot.ReadAsync(readModel, shopIds, DateTimeOffset.UtcNow, (_, planned) => planned);
            var stored = await StoredOrdersAsync(redis, shopIds);
            var at = Whole(traffic.Elapsed);
            perSecond.Add((stored - lastStored) / (at - lastAt).TotalSeconds);
            (lastStored, lastAt) = (stored, at);
            doneAt = lag.BackfillPending == 0 ? at : null;
            // Whole seconds at both ends: the traffic is counted per second.
            Console.WriteLine($"  t={(at - from).TotalSeconds:F0}s: backfill pending in {lag.BackfillPending} shops, orders stored {stored:N0} (+{perSecond[^1]:F0}/s), " +
                              $"calls {traffic.Count(Answer.Served, at - TimeSpan.FromSeconds(10), at) / 10.0:F0}/s, 429 {traffic.Total(Answer.RateLimited)}");
        }

        var to = doneAt ?? Whole(traffic.Elapsed);
        var window = to - from;
        var served = traffic.Count(Answer.Served, from, to);
        var limited = traffic.Count(Answer.RateLimited, from, to);
        var paths = traffic.ByPath();
        // Nothing lost: stop the simulator's clock (no new orders), let one more incremental window pass, then every shop's
        // stored orders must equal the orders it created.
        using (var frozen = await simulator.Http.PutAsJsonAsync("/_sim/clock", new { speed = 0 }, ct))
        {
            frozen.EnsureSuccessStatusCode();
        }

        var settled = System.Diagnostics.Stopwatch.StartNew();
        var (truth, storedOrders, differing) = (0L, 0L, shopsCount);
        while (differing > 0 && settled.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(TimeSpan.FromSeconds(15), ct);
            (truth, storedOrders, differing) = await CompareWithTruthAsync(simulator.Http, redis, shopIds, start.AddDays(-days - 1), start.AddDays(1));
            Console.WriteLine($"  clock stopped {settled.Elapsed.TotalSeconds:F0} s ago: {differing} shops' stored orders differ from the simulator's");
        }

        var md = new StringBuilder();
        var calls = served / window.TotalSeconds;
        var orderPages = paths.Where(p => p.Key.Contains("/orders/search", StringComparison.Ordinal)).Sum(p => p.Value);
        md.AppendLine(CultureInfo.InvariantCulture, $"Setup: {shopsCount} shops (`ActivitySpread=Even`, ~{perDay} orders a day, {days} days of history, seed {o.Int("seed", 13)}), simulator limits {appQps}/s per app and {shopQps}/s per shop, no quota; `RateBudget` {Num(appQps * share)}/s and {Num(shopQps * share)}/s; {siloCount} silo processes on Garnet -m {garnet.Memory}; `Sync:InitialBackfill` {days + 1} days, no product backfill.");
        md.AppendLine();
        md.AppendLine("| measure | value |");
        md.AppendLine("|---|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| onboarding (auth code → tenant grain, {onboarding.Tenants} tenants, {onboarding.Parallel} at once) | {onboarding.Connected} shops in {onboarding.Elapsed.TotalSeconds:F1} s; {onboarding.Failed} failed |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| first connect → every shop's history stored | {(doneAt is null ? "not reached within the cap: " : "")}{window.TotalSeconds:F0} s |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **orders stored / created (simulator), after its clock stopped and one more window** | **{storedOrders:N0} / {truth:N0}**; shops whose count differs: {differing} (checked every 15 s for up to 5 min: equal after {settled.Elapsed.TotalSeconds:F0} s) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **orders stored per second** (whole window; best sample, ~10 s) | **{storedOrders / window.TotalSeconds:N0}/s**; {perSecond.DefaultIfEmpty().Max():N0}/s |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **calls/s** (served) | **{calls:F1}/s = {calls / (appQps * share):P1} of the budget, {calls / appQps:P1} of the simulator's per-app limit** |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **429s** (36009002) in the window | **{limited:N0}** = {(double)limited / Math.Max(1, served + limited):P3} of calls |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| orders per order-search call (the page holds at most 100) | {(double)storedOrders / Math.Max(1, orderPages):F1} ({orderPages:N0} calls) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| calls by API path | {string.Join(", ", paths.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:N0}"))} |");
        return md.ToString();
    }

    private static async Task<long> StoredOrdersAsync(IConnectionMultiplexer redis, IReadOnlyList<string> shopIds)
    {
        var store = new EntityStore(redis);
        return (await Task.WhenAll(shopIds.Select(id => store.CountAsync(id, EntityKind.Order)))).Sum();
    }

    // The simulator's orders created up to now (its ground truth, orders_created per shop-local day) against the stored ones, per shop.
    private static async Task<(long Truth, long Stored, int Differing)> CompareWithTruthAsync(HttpClient simulator, IConnectionMultiplexer redis, IReadOnlyList<string> shopIds,
        DateTimeOffset from, DateTimeOffset to)
    {
        var store = new EntityStore(redis);
        long truth = 0, stored = 0;
        var differing = 0;
        foreach (var id in shopIds)
        {
            var days = (await simulator.GetFromJsonAsync<JsonElement>($"/_sim/truth/{id}?from={from.AddDays(-1):yyyy-MM-dd}&to={to.AddDays(1):yyyy-MM-dd}")).GetProperty("days");
            var created = days.EnumerateArray().Sum(d => d.GetProperty("orders_created").GetInt64());
            var held = await store.CountAsync(id, EntityKind.Order);
            (truth, stored) = (truth + created, stored + held);
            differing += created == held ? 0 : 1;
        }

        return (truth, stored, differing);
    }

    private static TimeSpan Whole(TimeSpan t) => TimeSpan.FromSeconds(Math.Floor(t.TotalSeconds));

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);
}
