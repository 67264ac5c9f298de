using System.Text;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class BadInputTests : ConnectedSimulatorTest
{
    [Fact]
    public async Task A_malformed_json_body_is_an_envelope_error_not_a_500()
    {
        var response = await Host.CallAsync(HttpMethod.Post, "/order/202309/orders/search", Query(), "{\"order_status\":", Session.AccessToken);
        Assert.Equal((400, 36009004), ((int)response.Status, response.Code));
        Assert.Contains("JSON", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_names_the_field()
    {
        var response = await Session.PostAsync("/order/202309/orders/search", new { create_time_ge = "yesterday" }, new Dictionary<string, string> { ["page_size"] = "5" });
        Assert.Equal(36009004, response.Code);
        Assert.Contains("create_time_ge", response.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/order/202309/orders/search", null, 36009004)]
    [InlineData("/order/202309/orders/search", "101", 36009004)]
    [InlineData("/return_refund/202309/returns/search", "5", 25001001)]
    [InlineData("/return_refund/202309/cancellations/search", "51", 25001001)]
    [InlineData("/fulfillment/202309/packages/search", "0", 36009004)]
    public async Task Page_sizes_outside_the_documented_range_are_rejected(string path, string? pageSize, int code)
    {
        var query = new Dictionary<string, string>();
        if (pageSize is not null)
        {
            query["page_size"] = pageSize;
        }

        var response = await Session.PostAsync(path, new { }, query);
        Assert.Equal((400, code), ((int)response.Status, response.Code));
        Assert.Contains("page_size", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_page_token_and_missing_ids_are_envelope_errors()
    {
        var token = await Session.PostAsync("/order/202309/orders/search", new { }, new Dictionary<string, string> { ["page_size"] = "5", ["page_token"] = "%%%" });
        Assert.Equal(36009004, token.Code);
        Assert.Equal(36009004, (await Session.GetAsync("/order/202309/orders")).Code);
        var wrongType = await Session.PostAsync("/return_refund/202309/returns/search", new { order_ids = 5 }, new Dictionary<string, string> { ["page_size"] = "10" });
        Assert.Equal(25001001, wrongType.Code);
    }

    [Fact]
    public async Task Admin_endpoints_answer_bad_json_with_400()
    {
        using var content = new StringContent("{nope", Encoding.UTF8, "application/json");
        using var response = await Host.Http.PostAsync("/_sim/faults", content, TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)response.StatusCode);
        using var unknown = new StringContent("{\"kind\":\"meteor\"}", Encoding.UTF8, "application/json");
        using var rejected = await Host.Http.PostAsync("/_sim/faults", unknown, TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)rejected.StatusCode);
    }

    [Fact]
    public async Task Inventory_updates_apply_and_report_per_sku_errors()
    {
        var products = await Session.PostAsync("/product/202309/products/search", new { status = "ACTIVATE" }, new Dictionary<string, string> { ["page_size"] = "1" });
        var product = products.Data.GetProperty("products")[0];
        var sku = product.GetProperty("skus")[0];
        var warehouse = sku.GetProperty("inventory")[0].GetProperty("warehouse_id").GetString();
        var path = $"/product/202309/products/{product.GetProperty("id").GetString()}";
        var update = await Session.PostAsync(path + "/inventory/update", new
        {
            skus = new object[]
            {
                new { id = sku.GetProperty("id").GetString(), inventory = new[] { new { warehouse_id = warehouse, quantity = 777 } } },
                new { id = "999", inventory = new[] { new { warehouse_id = warehouse, quantity = 1 } } },
            },
        });
        Assert.Equal(0, update.Code);
        Assert.Single(update.Data.GetProperty("errors").EnumerateArray());
        var detail = await Session.GetAsync(path);
        Assert.Equal(777, detail.Data.GetProperty("skus")[0].GetProperty("inventory")[0].GetProperty("quantity").GetInt32());
        Assert.Equal(36009004, (await Session.PostAsync(path + "/inventory/update", new { skus = "all" })).Code);
    }

    [Fact]
    public async Task Product_search_stops_at_ten_thousand_results()
    {
        // 101 pages in a burst: lift the per-shop budget so only the result cap can stop the listing.
        await using var host = await SimulatorHost.StartAsync("ShopCount=1", "ProductsPerShop=10050", "OrdersPerShopPerDay=1", "HistoryDays=1", "RateLimit:PerShopPerSecond=100000");
        var session = await host.ConnectAsync();
        string? token = null;
        ApiResponse response;
        var pages = 0;
        do
        {
            var query = new Dictionary<string, string> { ["page_size"] = "100" };
            if (token is not null)
            {
                query["page_token"] = token;
            }

            response = await session.PostAsync("/product/202309/products/search", new { }, query);
            token = response.Code == 0 ? response.Data.GetProperty("next_page_token").GetString() : null;
            pages++;
        }
        while (response.Code == 0 && !string.IsNullOrEmpty(token));

        Assert.Equal((400, 12052180), ((int)response.Status, response.Code));
        Assert.Equal(101, pages);
    }

    private Dictionary<string, string> Query() => new() { ["page_size"] = "5", ["shop_cipher"] = Session.Shop.Cipher };
}
