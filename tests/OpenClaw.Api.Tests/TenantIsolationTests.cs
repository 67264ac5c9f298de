using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>Another tenant's shop answers 404 on every shop endpoint (an ops error report for it is rejected), and nothing about it changes.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class TenantIsolationTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OtherTenantsKey_OnEveryShopEndpoint_Answers404AndChangesNothing()
    {
        var (tenantA, keyA) = await steps.NewTenantAsync("admin");
        var (tenantB, keyB) = await steps.NewTenantAsync("admin");
        var shopId = fixture.ClaimShop();
        await steps.OnboardAsync(keyA, shopId);
        var (_, etag) = await steps.ShopAsync(keyA, shopId);

        using var b = fixture.NewApiClient(keyB);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/shops/{shopId}") { Content = JsonContent.Create(new { paused = true, tags = new[] { "stolen" } }) };
        patch.Headers.TryAddWithoutValidation("If-Match", etag);
        HttpRequestMessage[] requests =
        [
            new(HttpMethod.Get, $"/api/v1/shops/{shopId}"),
            patch,
            new(HttpMethod.Post, $"/api/v1/shops/{shopId}/sync") { Content = JsonContent.Create(new { }) },
            new(HttpMethod.Post, $"/api/v1/shops/{shopId}/backfill") { Content = JsonContent.Create(new { from = DateTimeOffset.UtcNow.AddDays(-5) }) },
            new(HttpMethod.Delete, $"/api/v1/shops/{shopId}"),
        ];
        foreach (var request in requests)
        {
            using (request)
            using (var response = await b.SendAsync(request, Ct))
            {
                await AgencySteps.AssertProblemAsync(response, HttpStatusCode.NotFound);
            }
        }

        var pageB = await b.GetFromJsonAsync<JsonElement>("/api/v1/shops", Ct);
        Assert.Empty(pageB.GetProperty("items").EnumerateArray());

        // Tenant B's admin key cannot see or administer tenant A's keys either.
        using (var keys = await b.PostAsJsonAsync($"/api/v1/tenants/{tenantA}/keys", new { name = "x", scopes = new[] { "admin" } }, Ct))
        {
            await AgencySteps.AssertProblemAsync(keys, HttpStatusCode.NotFound);
        }

        // Nor report ops errors for tenant A's shop: the item is rejected (the whole batch, as nothing else was in it).
        var report = new { shop_id = shopId, endpoint = "/order/202309/orders/search", http_status = 500, occurred_at = DateTimeOffset.UtcNow.ToString("O") };
        using (var ingest = await b.PostAsJsonAsync("/api/v1/ops-errors/ingest", new { items = new[] { report } }, Ct))
        {
            var problem = await AgencySteps.AssertProblemAsync(ingest, HttpStatusCode.UnprocessableEntity);
            Assert.True(problem.GetProperty("results")[0].GetProperty("errors").TryGetProperty("shop_id", out _), problem.ToString());
        }

        using (var a = fixture.NewApiClient(keyA))
        {
            Assert.Empty((await a.GetFromJsonAsync<JsonElement>("/api/v1/ops-errors?source=seller", Ct)).GetProperty("items").EnumerateArray());
        }

        var (after, etagAfter) = await steps.ShopAsync(keyA, shopId);
        Assert.Equal(etag, etagAfter);
        Assert.Equal("active", after.GetProperty("status").GetString());
        Assert.False(after.GetProperty("settings").GetProperty("paused").GetBoolean());
        Assert.Empty(after.GetProperty("settings").GetProperty("tags").EnumerateArray());
        Assert.NotEqual(tenantB, tenantA);
    }
}
