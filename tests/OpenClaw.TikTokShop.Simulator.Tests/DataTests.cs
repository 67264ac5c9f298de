using System.Globalization;
using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class DataTests
{
    private static readonly string[] Flow = ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"];

    [Fact]
    public async Task The_same_seed_gives_identical_data_and_another_seed_different_data()
    {
        await using var a = await SimulatorHost.StartAsync("Seed=7");
        await using var b = await SimulatorHost.StartAsync("Seed=7");
        await using var c = await SimulatorHost.StartAsync("Seed=8");
        var first = await FirstPageAsync(a);
        Assert.Equal(first, await FirstPageAsync(b));
        Assert.NotEqual(first, await FirstPageAsync(c));
    }

    [Fact]
    public async Task An_orders_status_advances_along_the_flow_with_consistent_timestamps_as_the_clock_moves()
    {
        await using var host = await SimulatorHost.StartAsync("OrdersPerShopPerDay=60", "AccessTokenLifetimeSeconds=99999999");
        var session = await host.ConnectAsync();
        var now = await host.NowAsync();
        var fresh = await session.SearchAllAsync("/order/202309/orders/search", new { create_time_ge = now - 6 * 3600 }, "orders", 100);
        Assert.NotEmpty(fresh);
        var ids = fresh.Select(o => o.GetProperty("id").GetString()!).Take(50).ToList();
        var history = ids.ToDictionary(id => id, _ => new List<string>());
        for (var step = 0; step < 20; step++)
        {
            var at = await host.NowAsync();
            var response = await session.GetAsync("/order/202309/orders", new Dictionary<string, string> { ["ids"] = string.Join(',', ids) });
            Assert.Equal(0, response.Code);
            foreach (var order in response.Data.GetProperty("orders").EnumerateArray())
            {
                AssertConsistent(order, at);
                history[order.GetProperty("id").GetString()!].Add(order.GetProperty("status").GetString()!);
            }

            await host.AdvanceAsync(step < 10 ? 6 * 3600 : 2 * 86_400);
        }

        foreach (var statuses in history.Values)
        {
            var positions = statuses.TakeWhile(s => s != "CANCELLED").Select(s => Array.IndexOf(Flow, s)).ToList();
            Assert.All(positions, p => Assert.True(p >= 0));
            Assert.Equal(positions.Order(), positions);
            Assert.True(statuses[^1] is "COMPLETED" or "CANCELLED", string.Join(">", statuses));
        }

        Assert.Contains(history.Values, s => s.Contains("DELIVERED") || s.Contains("COMPLETED"));
    }

    [Fact]
    public async Task Pagination_returns_every_order_exactly_once_in_descending_order_even_while_the_clock_runs()
    {
        await using var host = await SimulatorHost.StartAsync("ClockSpeed=600");
        var session = await host.ConnectAsync();
        var pages = await session.SearchAllAsync("/order/202309/orders/search", new { }, "orders", 17);
        var ids = pages.Select(o => o.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var created = pages.Select(o => o.GetProperty("create_time").GetInt64()).ToList();
        Assert.Equal(created.OrderDescending(), created);

        var first = await session.PostAsync("/order/202309/orders/search", new { }, new Dictionary<string, string> { ["page_size"] = "17" });
        var token = first.Data.GetProperty("next_page_token").GetString()!;
        var again1 = await session.PostAsync("/order/202309/orders/search", new { }, new Dictionary<string, string> { ["page_size"] = "17", ["page_token"] = token });
        var again2 = await session.PostAsync("/order/202309/orders/search", new { }, new Dictionary<string, string> { ["page_size"] = "17", ["page_token"] = token });
        Assert.Equal(Ids(again1, "orders"), Ids(again2, "orders"));
    }

    [Fact]
    public async Task An_update_time_window_returns_exactly_the_orders_updated_inside_it()
    {
        await using var host = await SimulatorHost.StartAsync();
        var session = await host.ConnectAsync();
        var now = await host.NowAsync();
        var all = await session.SearchAllAsync("/order/202309/orders/search", new { }, "orders", 100);
        var (from, to) = (now - 2 * 86_400, now - 86_400);
        var expected = all.Where(o => o.GetProperty("update_time").GetInt64() >= from && o.GetProperty("update_time").GetInt64() < to)
            .Select(o => o.GetProperty("id").GetString()).Order().ToList();
        var window = await session.SearchAllAsync("/order/202309/orders/search", new { update_time_ge = from, update_time_lt = to }, "orders", 50,
            new Dictionary<string, string> { ["sort_field"] = "update_time", ["sort_order"] = "ASC" });
        Assert.NotEmpty(expected);
        Assert.Equal(expected, window.Select(o => o.GetProperty("id").GetString()).Order().ToList());
        var updates = window.Select(o => o.GetProperty("update_time").GetInt64()).ToList();
        Assert.Equal(updates.Order(), updates);
    }

    [Theory]
    [InlineData("/return_refund/202309/returns/search", "return_orders", "return_id", 50)]
    [InlineData("/return_refund/202309/cancellations/search", "cancellations", "cancel_id", 50)]
    [InlineData("/fulfillment/202309/packages/search", "packages", "id", 50)]
    public async Task Update_time_windows_on_returns_cancellations_and_packages_match_a_full_scan(string path, string list, string id, int pageSize)
    {
        await using var host = await SimulatorHost.StartAsync("HistoryDays=40", "OrdersPerShopPerDay=10");
        var session = await host.ConnectAsync();
        var now = await host.NowAsync();
        var all = await session.SearchAllAsync(path, new { }, list, pageSize);
        foreach (var (from, to) in new[] { (now - 3 * 86_400, now - 86_400), (now - 25 * 86_400, now - 20 * 86_400), (now - 3600, now + 1) })
        {
            var expected = all.Where(x => x.GetProperty("update_time").GetInt64() >= from && x.GetProperty("update_time").GetInt64() < to)
                .Select(x => x.GetProperty(id).GetString()).Order().ToList();
            var window = await session.SearchAllAsync(path, new { update_time_ge = from, update_time_lt = to }, list, pageSize);
            Assert.Equal(expected, window.Select(x => x.GetProperty(id).GetString()).Order().ToList());
        }

        Assert.NotEmpty(all);
    }

    [Fact]
    public async Task Returns_list_oldest_first_and_packages_carry_millisecond_tracking()
    {
        await using var host = await SimulatorHost.StartAsync("HistoryDays=20");
        var session = await host.ConnectAsync();
        var returns = await session.SearchAllAsync("/return_refund/202309/returns/search", new { }, "return_orders", 10);
        Assert.NotEmpty(returns);
        var created = returns.Select(r => r.GetProperty("create_time").GetInt64()).ToList();
        Assert.Equal(created.Order(), created);

        var delivered = await session.PostAsync("/order/202309/orders/search", new { order_status = "COMPLETED" }, new Dictionary<string, string> { ["page_size"] = "5" });
        var orderId = delivered.Data.GetProperty("orders")[0].GetProperty("id").GetString();
        var tracking = await session.GetAsync($"/fulfillment/202309/orders/{orderId}/tracking");
        var times = tracking.Data.GetProperty("tracking").EnumerateArray().Select(t => t.GetProperty("update_time_millis").GetInt64()).ToList();
        Assert.All(times, t => Assert.True(t > 1_000_000_000_000));

        var packages = await session.PostAsync("/fulfillment/202309/packages/search", new { package_status = "COMPLETED" }, new Dictionary<string, string> { ["page_size"] = "5" });
        Assert.All(packages.Data.GetProperty("packages").EnumerateArray(), p => Assert.Equal("COMPLETED", p.GetProperty("status").GetString()));
    }

    private static void AssertConsistent(JsonElement order, long now)
    {
        long? T(string name) => order.GetProperty(name).ValueKind == JsonValueKind.Number ? order.GetProperty(name).GetInt64() : null;
        var status = order.GetProperty("status").GetString();
        Assert.True(T("update_time") <= now);
        Assert.True(T("create_time") <= T("update_time"));
        if (T("paid_time") is { } paid)
        {
            Assert.True(paid >= T("create_time"));
        }

        if (status is "AWAITING_COLLECTION" or "IN_TRANSIT" or "DELIVERED" or "COMPLETED")
        {
            Assert.NotNull(T("rts_time"));
            Assert.NotNull(order.GetProperty("tracking_number").GetString());
        }

        // A refused package completes the order on the full refund without a delivery (contract §5: IN_TRANSIT → COMPLETED).
        if (status is "DELIVERED" || (status == "COMPLETED" && T("delivery_time") is not null))
        {
            Assert.True(T("rts_time") <= T("collection_time") && T("collection_time") <= T("delivery_time") && T("delivery_time") <= now);
        }

        if (status == "CANCELLED")
        {
            Assert.True(T("cancel_time") <= now);
            Assert.NotNull(order.GetProperty("cancellation_initiator").GetString());
        }
    }

    private static async Task<string> FirstPageAsync(SimulatorHost host)
    {
        var session = await host.ConnectAsync();
        var page = await session.PostAsync("/order/202309/orders/search", new { }, new Dictionary<string, string> { ["page_size"] = "20" });
        var products = await session.PostAsync("/product/202309/products/search", new { }, new Dictionary<string, string> { ["page_size"] = "20" });
        return session.Shop.Id + session.Shop.Cipher + page.Data.GetProperty("orders").GetRawText() + products.Data.GetProperty("products").GetRawText();
    }

    private static List<string> Ids(ApiResponse response, string list) =>
        response.Data.GetProperty(list).EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();
}
