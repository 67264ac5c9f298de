using System.Text;
using OpenClaw.TikTokShop.Orders;
using OpenClaw.TikTokShop.Tests.Signing;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Transport;

public sealed class RequestShapeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Search_sends_common_parameters_clock_timestamp_token_header_cipher_and_a_verifiable_signature()
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.OrderSearch(null, "1"));
        var client = TestClients.Client(stub.BaseUrl, time: new FixedClock(Now));

        var result = await client.Orders.SearchAsync(TestClients.Shop, new OrderSearchQuery
        {
            UpdateTimeFrom = Now.AddHours(-1),
            UpdateTimeTo = Now,
            PageSize = 20,
        }, pageToken: "tok-2", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/order/202309/orders/search", request.Path);
        Assert.Equal(TestClients.AppKey, request.Query["app_key"]);
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Query["timestamp"]);
        Assert.Equal(TestClients.ShopCipher, request.Query["shop_cipher"]);
        Assert.Equal("20", request.Query["page_size"]);
        Assert.Equal("tok-2", request.Query["page_token"]);
        Assert.Equal(TestClients.AccessToken, request.Headers["x-tts-access-token"]);
        Assert.StartsWith("application/json", request.Headers["content-type"], StringComparison.Ordinal);
        Assert.False(request.Query.ContainsKey("access_token"));

        var body = Encoding.UTF8.GetString(request.Body);
        Assert.Contains($"\"update_time_ge\":{Now.AddHours(-1).ToUnixTimeSeconds()}", body, StringComparison.Ordinal);
        Assert.Contains($"\"update_time_lt\":{Now.ToUnixTimeSeconds()}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("null", body, StringComparison.Ordinal);

        var expected = ReferenceSigner.Sign(TestClients.AppSecret, request.Path,
            request.Query.Where(q => q.Key != "sign").Select(q => (q.Key, q.Value)), request.Body);
        Assert.Equal(expected, request.Query["sign"]);
    }

    [Theory]
    [InlineData("authorized")]
    [InlineData("active")]
    [InlineData("permissions")]
    public async Task Seller_level_calls_never_send_shop_cipher(string call)
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success("{\"shops\":[],\"permissions\":[]}"));
        var client = TestClients.Client(stub.BaseUrl);

        var ok = call switch
        {
            "authorized" => (await client.Seller.GetAuthorizedShopsAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken)).IsSuccess,
            "active" => (await client.Seller.GetActiveShopsAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken)).IsSuccess,
            _ => (await client.Seller.GetPermissionsAsync(TestClients.Shop, cancellationToken: TestContext.Current.CancellationToken)).IsSuccess,
        };

        Assert.True(ok);
        var request = Assert.Single(stub.Requests);
        Assert.False(request.Query.ContainsKey("shop_cipher"));
        Assert.Equal(TestClients.AccessToken, request.Headers["x-tts-access-token"]);
        Assert.Equal(ReferenceSigner.Sign(TestClients.AppSecret, request.Path,
            request.Query.Where(q => q.Key != "sign").Select(q => (q.Key, q.Value)), []), request.Query["sign"]);
    }

    [Fact]
    public async Task Order_detail_returns_typed_money_times_and_line_items()
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success("{\"orders\":[" + Envelopes.OneOrder + "]}"));
        var client = TestClients.Client(stub.BaseUrl);

        var result = await client.Orders.GetAsync(TestClients.Shop, ["576000000000000001", "576000000000000002"], cancellationToken: TestContext.Current.CancellationToken);

        var order = Assert.Single(result.GetValueOrThrow());
        Assert.Equal("576000000000000001", order.Id);
        Assert.Equal(21.90m, order.Payment!.TotalAmount);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1790000050), order.PaidTime);
        Assert.Null(order.DeliveryTime);
        Assert.Equal(19.90m, Assert.Single(order.LineItems!).SalePrice);
        Assert.Equal("576000000000000001,576000000000000002", Assert.Single(stub.Requests).Query["ids"]);
        Assert.Equal(Envelopes.RequestId, result.RequestId);
    }

    [Fact]
    public async Task More_than_fifty_order_ids_are_refused_before_any_request()
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success("{}"));
        var client = TestClients.Client(stub.BaseUrl);
        var ids = Enumerable.Range(0, 51).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Orders.GetAsync(TestClients.Shop, ids, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(stub.Requests);
    }
}
