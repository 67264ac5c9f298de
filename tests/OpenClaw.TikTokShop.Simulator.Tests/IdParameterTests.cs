using System.Globalization;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

/// <summary>One simulator with an authorized shop for all id-shape cases (they only read).</summary>
public sealed class IdSimulator : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    public Session Session { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync();
        Session = await Host.ConnectAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// A malformed id is a parameter error naming the parameter (36009004; 25001001 on /return_refund), checked before any
/// lookup; only a well-formed id of another seller is the business error 21008111 (contract §4, §5).
/// </summary>
public sealed class IdParameterTests(IdSimulator sim) : IClassFixture<IdSimulator>
{
    private const string OtherSellersOrder = "570000027399000001";

    public static readonly TheoryData<string> MalformedIdLists = new()
    {
        "[\"570000027399000001\"]",                 // a JSON array instead of a comma-separated list
        "[570000027399000001]",
        "\"570000027399000001\"",
        "570000027399000001,",
        ",570000027399000001",
        "570000027399000001,,570000027399000002",
        "570000027399000001, 570000027399000002",
        " 570000027399000001",
        "570000027399000001;570000027399000002",
        "57000002739900000a",
        "-570000027399000001",
        "５７０",                                     // full-width digits
        string.Join(',', Enumerable.Range(0, 51).Select(i => (570000027399000000L + i).ToString(CultureInfo.InvariantCulture))),
    };

    [Theory]
    [MemberData(nameof(MalformedIdLists))]
    public async Task Get_orders_with_malformed_ids_is_a_parameter_error_naming_ids(string ids)
    {
        var response = await sim.Session.GetAsync("/order/202309/orders", new Dictionary<string, string> { ["ids"] = ids });

        Assert.Equal((400, 36009004), ((int)response.Status, response.Code));
        Assert.StartsWith("invalid parameter ids:", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_well_formed_id_of_another_seller_is_still_21008111_and_own_ids_are_served()
    {
        var page = await sim.Session.PostAsync("/order/202309/orders/search", new { }, new Dictionary<string, string> { ["page_size"] = "20" });
        var own = page.Data.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();

        var foreign = await sim.Session.GetAsync("/order/202309/orders", new Dictionary<string, string> { ["ids"] = OtherSellersOrder });
        var served = await sim.Session.GetAsync("/order/202309/orders", new Dictionary<string, string> { ["ids"] = string.Join(',', own) });

        Assert.Equal((400, 21008111), ((int)foreign.Status, foreign.Code));
        Assert.Equal(20, own.Count);
        Assert.Equal(0, served.Code);
        Assert.Equal(own, served.Data.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
    }

    [Theory]
    [InlineData("GET", "/product/202309/products/abc", "product_id")]
    [InlineData("GET", "/product/202309/products/1700000000000001x", "product_id")]
    [InlineData("POST", "/product/202309/products/abc/inventory/update", "product_id")]
    [InlineData("GET", "/fulfillment/202309/orders/abc/tracking", "order_id")]
    [InlineData("GET", "/fulfillment/202309/orders/57000002739900000a/tracking", "order_id")]
    public async Task A_malformed_id_in_the_path_is_a_parameter_error_naming_it(string method, string path, string name)
    {
        var response = method == "GET"
            ? await sim.Session.GetAsync(path)
            : await sim.Session.PostAsync(path, new { skus = Array.Empty<object>() });

        Assert.Equal((400, 36009004), ((int)response.Status, response.Code));
        Assert.StartsWith($"invalid parameter {name}:", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_well_formed_order_id_of_another_seller_for_tracking_is_still_21008111()
    {
        var response = await sim.Session.GetAsync($"/fulfillment/202309/orders/{OtherSellersOrder}/tracking");

        Assert.Equal((400, 21008111), ((int)response.Status, response.Code));
    }

    [Theory]
    [InlineData("/order/202309/orders/search", "warehouse_ids", "[\"w-1\"]", 36009004)]
    [InlineData("/order/202309/orders/search", "warehouse_ids", "[\"\"]", 36009004)]
    [InlineData("/order/202309/orders/search", "warehouse_ids", "\"7200000000010001\"", 0)]
    [InlineData("/return_refund/202309/returns/search", "order_ids", "[\"570000027399000001,570000027399000002\"]", 25001001)]
    [InlineData("/return_refund/202309/returns/search", "order_ids", "[\"abc\"]", 25001001)]
    [InlineData("/return_refund/202309/returns/search", "order_ids", "[\"570000027399000001\"]", 0)]
    [InlineData("/return_refund/202309/cancellations/search", "order_ids", "[\" 570000027399000001\"]", 25001001)]
    [InlineData("/return_refund/202309/cancellations/search", "order_ids", "[\"570000027399000001\"]", 0)]
    public async Task Id_arrays_in_the_body_are_checked_entry_by_entry(string path, string field, string json, int code)
    {
        var body = "{\"" + field + "\":" + json + "}";
        var response = await sim.Host.CallAsync(HttpMethod.Post, path,
            new Dictionary<string, string> { ["page_size"] = "10", ["shop_cipher"] = sim.Session.Shop.Cipher }, body, sim.Session.AccessToken);

        Assert.Equal(code, response.Code);
        if (code != 0)
        {
            Assert.Equal(400, (int)response.Status);
            Assert.StartsWith($"invalid parameter {field}:", response.Message, StringComparison.Ordinal);
        }
    }
}
