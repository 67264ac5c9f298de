using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class RoutingAndCipherTests : ConnectedSimulatorTest
{
    [Fact]
    public async Task A_shop_scoped_path_without_shop_cipher_answers_106013()
    {
        var response = await Host.CallAsync(HttpMethod.Get, "/logistics/202309/warehouses", null, null, Session.AccessToken);
        Assert.Equal((400, 106013), ((int)response.Status, response.Code));
    }

    [Theory]
    [InlineData("/authorization/202309/shops")]
    [InlineData("/seller/202309/shops")]
    public async Task A_shop_cipher_sent_to_account_paths_answers_36009004(string path)
    {
        var response = await Host.CallAsync(HttpMethod.Get, path, new Dictionary<string, string> { ["shop_cipher"] = Session.Shop.Cipher }, null, Session.AccessToken);
        Assert.Equal(36009004, response.Code);
        Assert.Contains("shop_cipher", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_shops_cipher_with_this_token_answers_101000()
    {
        var other = (await Host.ShopsAsync())[1];
        var response = await Host.CallAsync(HttpMethod.Get, "/logistics/202309/warehouses", new Dictionary<string, string> { ["shop_cipher"] = other.Cipher },
            null, Session.AccessToken);
        Assert.Equal((401, 101000), ((int)response.Status, response.Code));
    }

    [Fact]
    public async Task A_missing_token_header_is_an_invalid_request_and_an_unknown_token_is_101000()
    {
        var q = new Dictionary<string, string> { ["shop_cipher"] = Session.Shop.Cipher };
        Assert.Equal(36009004, (await Host.CallAsync(HttpMethod.Get, "/logistics/202309/warehouses", q, null, null)).Code);
        Assert.Equal(101000, (await Host.CallAsync(HttpMethod.Get, "/logistics/202309/warehouses", q, null, "AT_forged")).Code);
    }

    [Fact]
    public async Task Unknown_paths_methods_and_versions_answer_their_own_codes()
    {
        var path = await Session.GetAsync("/order/202309/unknown");
        Assert.Equal((404, 36009009), ((int)path.Status, path.Code));
        var method = await Session.GetAsync("/order/202309/orders/search");
        Assert.Equal((405, 36009010), ((int)method.Status, method.Code));
        var version = await Session.PostAsync("/order/202212/orders/search", new { });
        Assert.Equal(36009014, version.Code);
    }

    [Fact]
    public async Task A_missing_scope_answers_105005()
    {
        await using var host = await SimulatorHost.StartAsync("GrantedScopes:0=seller.authorization.info", "GrantedScopes:1=seller.logistics");
        var session = await host.ConnectAsync();
        Assert.Equal(0, (await session.GetAsync("/logistics/202309/warehouses")).Code);
        var orders = await session.PostAsync("/order/202309/orders/search", new { }, new Dictionary<string, string> { ["page_size"] = "1" });
        Assert.Equal((403, 105005), ((int)orders.Status, orders.Code));
    }

    [Fact]
    public async Task An_order_of_another_shop_answers_21008111()
    {
        var other = await Host.ConnectAsync(1);
        var theirs = await other.PostAsync("/order/202309/orders/search", new { }, new Dictionary<string, string> { ["page_size"] = "1" });
        var id = theirs.Data.GetProperty("orders")[0].GetProperty("id").GetString()!;
        var response = await Session.GetAsync("/order/202309/orders", new Dictionary<string, string> { ["ids"] = id });
        Assert.Equal(21008111, response.Code);
        Assert.Equal(21008111, (await Session.GetAsync($"/fulfillment/202309/orders/{id}/tracking")).Code);
    }
}
