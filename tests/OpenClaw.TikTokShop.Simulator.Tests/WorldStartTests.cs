using System.Globalization;
using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

/// <summary>
/// A simulator restarted later over data a store already holds (the AppHost's second <c>dotnet run</c>) must serve the
/// same orders: TikTok never changes an order's total without changing its <c>update_time</c>, so a client keeping the
/// version it has would disagree with the new truth for good.
/// </summary>
public sealed class WorldStartTests
{
    private static readonly DateTimeOffset FirstStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_restart_a_day_later_with_the_same_world_start_serves_every_order_with_the_same_items_and_total()
    {
        var world = "WorldStart=" + FirstStart.ToString("O", CultureInfo.InvariantCulture);
        var later = "ClockStart=" + FirstStart.AddDays(1).ToString("O", CultureInfo.InvariantCulture);
        await using var first = await SimulatorHost.StartAsync("ClockStart=" + FirstStart.ToString("O", CultureInfo.InvariantCulture), world);
        await using var restarted = await SimulatorHost.StartAsync(later, world);
        await using var unanchored = await SimulatorHost.StartAsync(later);

        var before = await OrdersAsync(first);
        Assert.True(before.Count > 50, $"only {before.Count} orders: the comparison would prove little");
        Assert.Equal(before, await OrdersAsync(restarted));

        // The same restart without the anchor: the catalogue moves and orders sell other products (what the anchor prevents).
        var moved = await OrdersAsync(unanchored);
        Assert.True(before.Count(o => moved.GetValueOrDefault(o.Key) != o.Value) > before.Count / 2,
            "a moved world changed few orders: this test would not notice a simulator that ignores WorldStart");
    }

    // Orders created in the four days before the first start: id → line items' products, prices and the total.
    private static async Task<Dictionary<string, string>> OrdersAsync(SimulatorHost host)
    {
        var session = await host.ConnectAsync();
        var orders = await session.SearchAllAsync("/order/202309/orders/search",
            new { create_time_ge = FirstStart.AddDays(-4).ToUnixTimeSeconds(), create_time_lt = FirstStart.ToUnixTimeSeconds() }, "orders", 100);
        return orders.ToDictionary(o => o.GetProperty("id").GetString()!, o => string.Join(' ',
            o.GetProperty("line_items").EnumerateArray().Select(i => i.GetProperty("product_id").GetString() + "@" + i.GetProperty("sale_price").GetString()))
            + " = " + o.GetProperty("payment").GetProperty("total_amount").GetString(), StringComparer.Ordinal);
    }
}
