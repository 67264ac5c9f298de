using System.Diagnostics;
using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class EntityTruthTests
{
    private const long Day = 86_400;

    [Theory]
    [InlineData("orders", "/order/202309/orders/search", "orders", "id", "status", 100)]
    [InlineData("returns", "/return_refund/202309/returns/search", "return_orders", "return_id", "return_status", 50)]
    [InlineData("cancellations", "/return_refund/202309/cancellations/search", "cancellations", "cancel_id", "cancel_status", 50)]
    [InlineData("packages", "/fulfillment/202309/packages/search", "packages", "id", "status", 50)]
    [InlineData("products", "/product/202309/products/search", "products", "id", "status", 100)]
    public async Task EntityTruth_AnyKind_EqualsPagingThroughTheSearchNowAndAfterTheClockMoves(string kind, string path, string list, string id, string status, int pageSize)
    {
        // Dozens of pages and product details in a burst: lift the per-shop budget (50/s) out of the way. 400 products
        // so that some product changes status within the 20 days the clock moves.
        await using var host = await SimulatorHost.StartAsync("HistoryDays=30", "OrdersPerShopPerDay=40", "ProductsPerShop=400",
            "AccessTokenLifetimeSeconds=99999999", "RateLimit:PerShopPerSecond=100000");
        var session = await host.ConnectAsync();
        var snapshots = new List<List<(string Id, string Status, long UpdateTime)>>();
        foreach (var advance in new[] { 0L, 20 * Day })
        {
            await host.AdvanceAsync(advance);
            var truth = await host.AdminAsync(HttpMethod.Get, $"/_sim/truth/{session.Shop.Id}/entities?kind={kind}");
            Assert.Equal(kind, truth.GetProperty("kind").GetString());
            Assert.Equal(await host.NowAsync(), truth.GetProperty("as_of").GetInt64());
            var items = truth.GetProperty("items").EnumerateArray().ToList();
            var truthRows = items.Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("status").GetString()!, i.GetProperty("update_time").GetInt64())).ToList();
            Assert.Equal(truthRows.Select(r => r.Item1).Order(StringComparer.Ordinal), truthRows.Select(r => r.Item1));
            if (kind != "orders" && kind != "products")
            {
                Assert.All(items, i => Assert.Equal(i.GetProperty("status").GetString(), i.GetProperty(KindStatusField(kind)).GetString()));
            }

            var searched = await session.SearchAllAsync(path, new { }, list, pageSize);
            var apiRows = searched.Select(s => (s.GetProperty(id).GetString()!, s.GetProperty(status).GetString()!, s.GetProperty("update_time").GetInt64()))
                .OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
            Assert.NotEmpty(apiRows);
            Assert.Equal(apiRows, truthRows);
            if (kind == "products")
            {
                await AssertProductDetailsAsync(session, items);
            }

            snapshots.Add(truthRows);
        }

        Assert.NotEqual(snapshots[0], snapshots[1]);
    }

    [Fact]
    public async Task EntityTruth_ThirtyDaysOfFortyOrders_AnswersWellUnderASecond()
    {
        await using var host = await SimulatorHost.StartAsync("HistoryDays=30", "OrdersPerShopPerDay=40");
        var shop = (await host.ShopsAsync())[0];
        foreach (var kind in new[] { "orders", "returns", "cancellations", "packages", "products" })
        {
            var watch = Stopwatch.StartNew();
            var truth = await host.AdminAsync(HttpMethod.Get, $"/_sim/truth/{shop.Id}/entities?kind={kind}");
            Assert.True(watch.ElapsedMilliseconds < 1000, $"{kind}: {watch.ElapsedMilliseconds} ms");
            Assert.NotEmpty(truth.GetProperty("items").EnumerateArray());
        }
    }

    [Theory]
    [InlineData("?kind=invoices", 400)]
    [InlineData("?kind=1", 400)]
    [InlineData("?kind=orders,returns", 400)]
    [InlineData("", 400)]
    public async Task EntityTruth_BadKind_Answers400Problem(string query, int status)
    {
        await using var host = await SimulatorHost.StartAsync();
        var shop = (await host.ShopsAsync())[0];
        var response = await host.AdminRawAsync(HttpMethod.Get, $"/_sim/truth/{shop.Id}/entities{query}");
        Assert.True(response.IsProblem(status), response.Raw);
        Assert.Contains("kind", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntityTruth_UnknownShop_Answers404Problem()
    {
        await using var host = await SimulatorHost.StartAsync();
        var response = await host.AdminRawAsync(HttpMethod.Get, "/_sim/truth/749500004299999999/entities?kind=orders");
        Assert.True(response.IsProblem(404), response.Raw);
    }

    private static string KindStatusField(string kind) => kind switch
    {
        "returns" => "return_status",
        "cancellations" => "cancel_status",
        _ => "package_status",
    };

    // Product detail is where audit.status lives: the truth's audit_status, status and update_time must match it.
    private static async Task AssertProductDetailsAsync(Session session, List<JsonElement> items)
    {
        foreach (var item in items)
        {
            var detail = await session.GetAsync($"/product/202309/products/{item.GetProperty("id").GetString()}");
            Assert.Equal(0, detail.Code);
            Assert.Equal(
                (detail.Data.GetProperty("audit").GetProperty("status").GetString(), detail.Data.GetProperty("status").GetString(), detail.Data.GetProperty("update_time").GetInt64()),
                (item.GetProperty("audit_status").GetString(), item.GetProperty("status").GetString(), item.GetProperty("update_time").GetInt64()));
        }
    }
}
