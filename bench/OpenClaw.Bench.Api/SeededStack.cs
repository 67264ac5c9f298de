using System.Globalization;

namespace OpenClaw.Bench.Api;

/// <summary>The stack with its tenant's shops onboarded, paused and given their day buckets (<c>overview</c> and <c>compare</c>).</summary>
internal static class SeededStack
{
    public static async Task<(ApiStack Stack, SeedResult Seed)> StartAsync(BenchArgs o, CancellationToken ct)
    {
        var stack = await ApiStack.StartAsync(o.Int("shops", 1_000), o.Text("garnet-memory", "4g"), ct);
        try
        {
            var seed = await new MetricSeeder(stack.Redis).SeedAsync(stack.Shops, o.Int("days", 90), o.Int("orders-per-day", 10), o.Int("seed-parallel", 8), ct);
            Console.WriteLine(Describe(stack, seed));
            return (stack, seed);
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public static string Describe(ApiStack stack, SeedResult s) => string.Create(CultureInfo.InvariantCulture,
        $"Data: {s.Shops:N0} shops of tenant `{ApiStack.TenantId}` (onboarded through the tenant grain against the simulator, then paused; zones {string.Join(", ", stack.Shops.Select(x => x.Zone).Distinct().Order(StringComparer.Ordinal))}), " +
        $"{s.Days} shop-local days each: {s.Orders:N0} generated orders ({s.Orders / (double)s.Shops / s.Days:F1} per shop-day; {s.Returns:N0} returns, {s.Cancellations:N0} cancellations), " +
        $"{MetricSeeder.ProductsPerShop} products in 6 categories and {MetricSeeder.WarehousesPerShop} warehouses per shop, written through `EntityStore` + `MetricBook.ApplyAsync` " +
        $"({s.FieldWrites:N0} bucket field increments) in {s.Elapsed.TotalSeconds:F0} s.");
}
