using System.Text;
using OpenClaw.Api.Webhooks;
using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>TikTok's webhooks, sent by the simulator over HTTP to the API's ingress and on to the real silo.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class WebhookTests(ApiFixture fixture)
{
    private const string AppKey = "openclaw-demo-app";
    private const string AppSecret = "openclaw-demo-secret";
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deauthorization_DeliveredThreeTimes_ReachesShopGrainOnce()
    {
        var (_, key) = await steps.NewTenantAsync("admin");
        var shopId = fixture.ClaimShop();
        await steps.OnboardAsync(key, shopId);
        fixture.Relay.Redeliver(shopId);

        var id = await FireAsync(shopId, type: 6);

        // Two copies forwarded at once, then the simulator's own retry after the relay's 503: every copy answered 200.
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Relay.ApiAnswers(id).Count >= 3), TimeSpan.FromSeconds(30),
            () => $"API answers so far: {string.Join(',', fixture.Relay.ApiAnswers(id))}");
        Assert.All(fixture.Relay.ApiAnswers(id), status => Assert.Equal(200, status));
        await Eventually.TrueAsync(async () => await InboxDepthAsync() == 0 && fixture.GrainCalls.WebhookCalls(id) > 0, TimeSpan.FromSeconds(30),
            () => $"grain calls {fixture.GrainCalls.WebhookCalls(id)}");
        Assert.Equal(1, fixture.GrainCalls.WebhookCalls(id));

        var (shop, _) = await steps.ShopAsync(key, shopId);
        Assert.Equal("needs_reauthorization", shop.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ingress_ForgedMissingOrMalformed_RefusedAndNothingQueued()
    {
        var body = Body("forged-0001", "7495000000000001", 1, """{"order_id":"5700000000000001","order_status":"CANCEL"}""");
        var forged = WebhookSignature.Compute(AppKey, "not-the-secret", body);
        using (var response = await PostAsync(body, forged))
        {
            await AgencySteps.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        using (var response = await PostAsync(body, signature: null))
        {
            await AgencySteps.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        var truncated = body[..^5];
        using (var response = await PostAsync(truncated, WebhookSignature.Compute(AppKey, AppSecret, truncated)))
        {
            await AgencySteps.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }

        using var redis = fixture.Redis.Connect();
        Assert.False(await redis.GetDatabase().KeyExistsAsync(WebhookInbox.SeenKey("forged-0001")));

        var leaked = fixture.ApiLogs.Lines.Where(l => l.Contains(forged, StringComparison.Ordinal) || l.Contains(AppSecret, StringComparison.Ordinal)
            || l.Contains(WebhookSignature.Compute(AppKey, AppSecret, truncated), StringComparison.Ordinal)).ToList();
        Assert.Empty(leaked);
        Assert.Contains(fixture.ApiLogs.Lines, l => l.Contains("bad signature", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(27, "{\"sku_id\":\"1\"}")]
    [InlineData(99, "{}")]
    [InlineData(1, "{\"order_status\":\"CANCEL\"}")]
    public async Task Ingress_TypeWithoutAction_Answers200EmptyAndHandsNothingOn(int type, string data)
    {
        var id = "ignored-" + Guid.NewGuid().ToString("N")[..12];
        var body = Body(id, fixture.ShopIds[^1], type, data);
        using var response = await PostAsync(body, WebhookSignature.Compute(AppKey, AppSecret, body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
        using var redis = fixture.Redis.Connect();
        Assert.False(await redis.GetDatabase().KeyExistsAsync(WebhookInbox.SeenKey(id)));
        Assert.Equal(0, fixture.GrainCalls.WebhookCalls(id));
    }

    private async Task<string> FireAsync(string shopId, int type)
    {
        using var simulator = fixture.NewSimulatorClient();
        using var fired = await simulator.PostAsJsonAsync("/_sim/webhooks/fire", new { shop_id = shopId, type }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, fired.StatusCode);
        return (await fired.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("notification_id").GetString()!;
    }

    private async Task<long> InboxDepthAsync()
    {
        using var redis = fixture.Redis.Connect();
        var db = redis.GetDatabase();
        return await db.SortedSetLengthAsync(WebhookInbox.Prefix + "due") + await db.SortedSetLengthAsync(WebhookInbox.Prefix + "leased");
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? signature)
    {
        using var client = fixture.NewApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/tiktok") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", signature);
        }

        return await client.SendAsync(request, Ct);
    }

    private static byte[] Body(string id, string shopId, int type, string data) =>
        Encoding.UTF8.GetBytes($$"""{"type":{{type}},"tts_notification_id":"{{id}}","shop_id":"{{shopId}}","timestamp":1796000000,"data":{{data}}}""");
}
