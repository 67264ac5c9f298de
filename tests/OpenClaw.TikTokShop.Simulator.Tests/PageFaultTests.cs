using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

/// <summary>The paging faults on every search endpoint (30 days of 40 orders, so each listing has several pages of 10).</summary>
public sealed class PageFaultTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;
    private Session _session = null!;

    public static TheoryData<string, string, string> Searches => new()
    {
        { "/order/202309/orders/search", "orders", "id" },
        { "/product/202309/products/search", "products", "id" },
        { "/return_refund/202309/returns/search", "return_orders", "return_id" },
        { "/return_refund/202309/cancellations/search", "cancellations", "cancel_id" },
        { "/fulfillment/202309/packages/search", "packages", "id" },
    };

    public async ValueTask InitializeAsync()
    {
        _host = await SimulatorHost.StartAsync("HistoryDays=30", "OrdersPerShopPerDay=40");
        _session = await _host.ConnectAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task DuplicatePage_AnySearch_NextPageTokenRepeatsThePage(string path, string list, string id)
    {
        var first = await PageAsync(path, null);
        var second = await PageAsync(path, first.Data.GetProperty("next_page_token").GetString());
        Assert.NotEqual(Ids(first, list, id), Ids(second, list, id));

        await AddFaultAsync("duplicate_page", path);
        var faulted = await PageAsync(path, null);
        Assert.Equal(Ids(first, list, id), Ids(faulted, list, id));
        var repeated = await PageAsync(path, faulted.Data.GetProperty("next_page_token").GetString());
        Assert.Equal(Ids(first, list, id), Ids(repeated, list, id));
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task OutOfOrderPage_AnySearch_ReturnsThePagesItemsInReverseSortOrder(string path, string list, string id)
    {
        var normal = Ids(await PageAsync(path, null), list, id);
        Assert.Equal(10, normal.Count);

        await AddFaultAsync("out_of_order_page", path);
        var faulted = Ids(await PageAsync(path, null), list, id);
        Assert.Equal(Enumerable.Reverse(normal), faulted);
        Assert.Equal(normal, Ids(await PageAsync(path, null), list, id));
    }

    private Task<System.Text.Json.JsonElement> AddFaultAsync(string kind, string path) =>
        _host.AdminAsync(HttpMethod.Post, "/_sim/faults", new { kind, count = 1, path_prefix = path });

    private async Task<ApiResponse> PageAsync(string path, string? token)
    {
        var query = new Dictionary<string, string> { ["page_size"] = "10" };
        if (token is not null)
        {
            query["page_token"] = token;
        }

        var response = await _session.PostAsync(path, new { }, query);
        Assert.True(response.Code == 0, response.Raw);
        return response;
    }

    private static List<string> Ids(ApiResponse response, string list, string id) =>
        response.Data.GetProperty(list).EnumerateArray().Select(x => x.GetProperty(id).GetString()!).ToList();
}
