using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>Connecting shops by OAuth against the simulator: consent link → seller's answer → callback → listed.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class OnboardingTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OAuth_SellerApproves_ShopIsConnectedListedAndDetailed()
    {
        var (tenantId, key) = await steps.NewTenantAsync("admin");
        var shopId = fixture.ClaimShop();

        var consent = await steps.ConsentUrlAsync(key);
        Assert.StartsWith(fixture.SimulatorUrl + "/open/authorize?service_id=7000000000000000001&state=", consent.ToString(), StringComparison.Ordinal);
        using var callback = await steps.CallbackAsync(await steps.SellerAnswersAsync(consent, shopId));
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var connected = await callback.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(tenantId, connected.GetProperty("tenant_id").GetString());
        Assert.Equal(shopId, connected.GetProperty("shops")[0].GetProperty("shop_id").GetString());

        using var client = fixture.NewApiClient(key);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/shops", Ct);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(shopId, item.GetProperty("shop_id").GetString());
        Assert.Equal("active", item.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_cursor").ValueKind);

        var (detail, etag) = await steps.ShopAsync(key, shopId);
        Assert.Equal("Valid", detail.GetProperty("token").GetProperty("status").GetString());
        Assert.NotEmpty(detail.GetProperty("sync").EnumerateArray());
        Assert.Matches("^\"[0-9]+\"$", etag);
        // ISO 8601 with an offset.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", detail.GetProperty("as_of").GetString()!);
    }

    [Fact]
    public async Task OAuth_CallbackReplayed_IsRefused()
    {
        var (_, key) = await steps.NewTenantAsync("write");
        var back = await steps.SellerAnswersAsync(await steps.ConsentUrlAsync(key), fixture.ClaimShop());
        using (var first = await steps.CallbackAsync(back))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var replay = await steps.CallbackAsync(back);
        var problem = await AgencySteps.AssertProblemAsync(replay, HttpStatusCode.BadRequest);
        Assert.Equal("state_replayed", problem.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task OAuth_SellerRefuses_ProblemSaysSoAndNothingIsConnected()
    {
        var (_, key) = await steps.NewTenantAsync("write");
        using var refused = await steps.CallbackAsync(await steps.SellerAnswersAsync(await steps.ConsentUrlAsync(key), fixture.ClaimShop(), approve: false));
        var problem = await AgencySteps.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal("seller_refused", problem.GetProperty("error_code").GetString());
        Assert.Contains("refused", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        using var client = fixture.NewApiClient(key);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/shops", Ct);
        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("not-a-state")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("")]
    public async Task OAuth_ForgedState_IsRefused(string state)
    {
        using var response = await steps.CallbackAsync(new Uri($"{fixture.ApiUrl}/api/v1/oauth/callback?code=abc&state={Uri.EscapeDataString(state)}"));
        var problem = await AgencySteps.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("state_invalid", problem.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task OAuth_UnknownCode_IsA422WithTikTokCode()
    {
        var (_, key) = await steps.NewTenantAsync("write");
        var consent = await steps.ConsentUrlAsync(key);
        var state = System.Web.HttpUtility.ParseQueryString(consent.Query)["state"]!;
        using var response = await steps.CallbackAsync(new Uri($"{fixture.ApiUrl}/api/v1/oauth/callback?code=made-up-code&state={Uri.EscapeDataString(state)}"));
        var problem = await AgencySteps.AssertProblemAsync(response, (HttpStatusCode)422);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("error_code").GetString()));
    }
}
