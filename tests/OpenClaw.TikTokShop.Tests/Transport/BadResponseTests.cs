using Microsoft.AspNetCore.Http;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Transport;

public sealed class BadResponseTests
{
    public static readonly TheoryData<string, string> Bodies = new()
    {
        { "not json", "<html>gateway</html>" },
        { "truncated", Envelopes.OrderSearch(null, "1")[..60] },
        { "code is a string", """{"code":"0","message":"Success","data":{}}""" },
        { "no code", """{"message":"Success","data":{"orders":[]}}""" },
        { "data missing", """{"code":0,"message":"Success","request_id":"x"}""" },
        { "data null", """{"code":0,"message":"Success","request_id":"x","data":null}""" },
        { "id is a number", Envelopes.Success("""{"orders":[{"id":5,"status":"X","create_time":1,"update_time":1}]}""") },
        { "required id missing", Envelopes.Success("""{"orders":[{"status":"X","create_time":1,"update_time":1}]}""") },
        { "status null", Envelopes.Success("""{"orders":[{"id":"1","status":null,"create_time":1,"update_time":1}]}""") },
        { "money not a number", Envelopes.Success("""{"orders":[{"id":"1","status":"X","create_time":1,"update_time":1,"payment":{"currency":"USD","total_amount":"ten"}}]}""") },
        { "huge number", Envelopes.Success("""{"orders":[{"id":"1","status":"X","create_time":1e400,"update_time":1}]}""") },
        { "time out of range", Envelopes.Success("""{"orders":[{"id":"1","status":"X","create_time":99999999999999999,"update_time":1}]}""") },
        { "orders is an object", Envelopes.Success("""{"orders":{"id":"1"}}""") },
        { "trailing garbage", Envelopes.Success("{}") + "}}" },
        { "array envelope", "[1,2,3]" },
        { "deep nesting", Envelopes.Success(new string('[', 5000) + new string(']', 5000)) },
        { "empty body", "" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Unusable_bodies_become_a_typed_bad_response_error(string because, string body)
    {
        await using var stub = await StubServer.AnsweringAsync(200, body);
        var client = TestClients.Client(stub.BaseUrl);

        var result = await client.Orders.GetAsync(TestClients.Shop, ["1"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.IsSuccess, because);
        Assert.Equal(ErrorCategory.BadResponse, result.Error.Category);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_whether_or_not_its_length_is_declared()
    {
        var big = Envelopes.Success("{\"orders\":[],\"pad\":\"" + new string('x', 64 * 1024) + "\"}");
        await using var declared = await StubServer.AnsweringAsync(200, big);
        await using var chunked = await StubServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            for (var i = 0; i < big.Length; i += 4096)
            {
                await context.Response.WriteAsync(big.Substring(i, Math.Min(4096, big.Length - i)));
                await context.Response.Body.FlushAsync();
            }
        });

        foreach (var stub in new[] { declared, chunked })
        {
            var client = TestClients.Client(stub.BaseUrl, o => o.MaxResponseBytes = 32 * 1024);
            var result = await client.Orders.GetAsync(TestClients.Shop, ["1"], cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(ErrorCatalogue.Keys.ResponseTooLarge, result.Error!.Entry.Key);
        }
    }

    [Fact]
    public async Task A_503_without_an_envelope_is_a_retryable_server_error()
    {
        await using var stub = await StubServer.AnsweringAsync(503, "Service Unavailable");
        var client = TestClients.Client(stub.BaseUrl, o => o.MaxRetries = 1);

        var result = await client.Orders.GetAsync(TestClients.Shop, ["1"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCatalogue.Keys.Http503, result.Error!.Entry.Key);
        Assert.True(result.Error.IsRetryable);
        Assert.Equal(2, stub.Requests.Count);
    }
}
