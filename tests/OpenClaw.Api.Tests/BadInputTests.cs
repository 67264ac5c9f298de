using System.Text;
using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>Malformed requests get 4xx RFC 9457 problems, never a 500, and change nothing.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class BadInputTests(ApiFixture fixture) : IAsyncLifetime
{
    private readonly AgencySteps steps = new(fixture);
    private string key = "";
    private string readOnlyKey = "";
    private string shopId = "";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // One tenant and shop for the whole class (xunit makes an instance per test case).
    private static readonly SemaphoreSlim SetUp = new(1, 1);
    private static (string Key, string ReadOnlyKey, string ShopId)? shared;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await SetUp.WaitAsync(Ct);
        try
        {
            if (shared is null)
            {
                var (tenantId, adminKey) = await steps.NewTenantAsync("admin");
                using var admin = fixture.NewApiClient(adminKey);
                var readKey = await AgencySteps.IssueKeyAsync(admin, tenantId, ["read"]);
                var shop = fixture.ClaimShop();
                await steps.OnboardAsync(adminKey, shop);
                shared = (adminKey, readKey, shop);
            }

            (key, readOnlyKey, shopId) = shared.Value;
        }
        finally
        {
            SetUp.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static TheoryData<string, string, string?, int> Requests => new()
    {
        // method, path ({shop} = the tenant's shop), JSON body (raw), expected status
        { "GET", "/api/v1/shops?limit=0", null, 400 },
        { "GET", "/api/v1/shops?limit=201", null, 400 },
        { "GET", "/api/v1/shops?limit=abc", null, 400 },
        { "GET", "/api/v1/shops?limit=99999999999999", null, 400 },
        { "GET", "/api/v1/shops?cursor=%%%", null, 400 },
        { "GET", "/api/v1/shops?cursor=bm90LWEtY3Vyc29y", null, 400 },
        { "GET", "/api/v1/shops?status=sleeping", null, 400 },
        { "GET", "/api/v1/shops?region=usa", null, 400 },
        { "GET", "/api/v1/shops/no-such-shop", null, 404 },
        { "GET", "/api/v1/shops/' OR 1=1 --", null, 404 },
        { "GET", "/api/v1/nothing-here", null, 404 },
        { "POST", "/api/v1/shops", "{", 400 },
        { "POST", "/api/v1/shops", "[]", 400 },
        { "POST", "/api/v1/shops", "{\"access_token\": 5}", 400 },
        { "POST", "/api/v1/shops", "{\"access_token\": \"a\", \"unknown\": 1}", 400 },
        { "POST", "/api/v1/shops", "{}", 400 },
        { "POST", "/api/v1/shops", "{\"access_token\":\"a\",\"refresh_token\":\"b\",\"access_token_expires_at\":\"tomorrow\",\"refresh_token_expires_at\":\"2030-01-01T00:00:00Z\"}", 400 },
        { "POST", "/api/v1/shops", "{\"access_token\":\"forged\",\"refresh_token\":\"forged\",\"access_token_expires_at\":\"2030-01-01T00:00:00+08:00\",\"refresh_token_expires_at\":\"2030-01-01T00:00:00Z\"}", 422 },
        { "POST", "/api/v1/shops", "{\"access_token\":\"a\",\"refresh_token\":\"b\",\"access_token_expires_at\":\"2020-01-01T00:00:00Z\",\"refresh_token_expires_at\":\"2020-01-01T00:00:00Z\"}", 400 },
        { "POST", "/api/v1/shops/{shop}/backfill", "{}", 400 },
        { "POST", "/api/v1/shops/{shop}/backfill", "{\"from\": \"2001-01-01T00:00:00Z\"}", 400 },
        { "POST", "/api/v1/shops/{shop}/backfill", "{\"from\": 12}", 400 },
        { "POST", "/api/v1/shops/{shop}/sync", "{\"domains\": [\"everything\"]}", 400 },
        { "POST", "/api/v1/shops/{shop}/sync", "{\"domains\": \"orders\"}", 400 },
        { "POST", "/api/v1/tenants", "{\"tenant_id\": \"x\"}", 403 },
        { "GET", "/api/v1/oauth/callback?code=abc", null, 400 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task MalformedRequest_AnswersProblem_Never500(string method, string path, string? body, int status)
    {
        using var client = fixture.NewApiClient(key);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{shop}", shopId, StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Ct);
        await AgencySteps.AssertProblemAsync(response, (HttpStatusCode)status);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("<script>")]
    public async Task Patch_BadTimeZone_Is400AndChangesNothing(string timeZone)
    {
        var (_, etag) = await steps.ShopAsync(key, shopId);
        using var response = await PatchAsync(key, new { time_zone = timeZone }, etag);
        await AgencySteps.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var (_, after) = await steps.ShopAsync(key, shopId);
        Assert.Equal(etag, after);
    }

    [Fact]
    public async Task Patch_StaleIfMatch_Is412_MissingIs428_CurrentSucceeds()
    {
        var (_, etag) = await steps.ShopAsync(key, shopId);
        using (var stale = await PatchAsync(key, new { tags = new[] { "late" } }, "\"-1\""))
        {
            await AgencySteps.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        }

        using (var missing = await PatchAsync(key, new { tags = new[] { "late" } }, null))
        {
            await AgencySteps.AssertProblemAsync(missing, (HttpStatusCode)428);
        }

        using (var ok = await PatchAsync(key, new { tags = new[] { "vip", "美妆" }, time_zone = "Asia/Shanghai" }, etag))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.NotEqual(etag, ok.Headers.ETag!.ToString());
        }

        // The first writer's ETag is now stale: a second writer with it gets 412.
        using (var second = await PatchAsync(key, new { paused = true }, etag))
        {
            await AgencySteps.AssertProblemAsync(second, HttpStatusCode.PreconditionFailed);
        }

        var (shop, _) = await steps.ShopAsync(key, shopId);
        Assert.Equal("Asia/Shanghai", shop.GetProperty("settings").GetProperty("time_zone").GetString());
        Assert.False(shop.GetProperty("settings").GetProperty("paused").GetBoolean());
        using var client = fixture.NewApiClient(key);
        var tagged = await client.GetFromJsonAsync<JsonElement>("/api/v1/shops?tag=vip", Ct);
        Assert.Single(tagged.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Keys_MissingWrongRevokedOrReadOnly_Answer401Or403()
    {
        using (var anonymous = fixture.NewApiClient())
        using (var response = await anonymous.GetAsync("/api/v1/shops", Ct))
        {
            await AgencySteps.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        using (var wrong = fixture.NewApiClient("ock_not-a-real-key"))
        using (var response = await wrong.GetAsync("/api/v1/shops", Ct))
        {
            await AgencySteps.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        using (var readOnly = fixture.NewApiClient(readOnlyKey))
        {
            using var list = await readOnly.GetAsync("/api/v1/shops", Ct);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            using var sync = await readOnly.PostAsJsonAsync($"/api/v1/shops/{shopId}/sync", new { }, Ct);
            await AgencySteps.AssertProblemAsync(sync, HttpStatusCode.Forbidden);
        }

        using (var platform = fixture.NewApiClient(ApiFixture.BootstrapKey))
        using (var response = await platform.GetAsync("/api/v1/shops", Ct))
        {
            await AgencySteps.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }
    }

    private async Task<HttpResponseMessage> PatchAsync(string apiKey, object body, string? ifMatch)
    {
        using var client = fixture.NewApiClient(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/shops/{shopId}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Ct);
    }
}
