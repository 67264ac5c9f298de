using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>
/// Issue 15: the overview and comparison are shared results that say when they were computed, catch up with new data
/// after the freshness window (the fixture's API: <c>Api:Metrics:FreshFor</c> 1 s) and show a write made through the
/// API at once.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class MetricsFreshnessTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Overview_TwoConcurrentRequests_GetOneComputation_WithTheRightNumbersAndComputedAt()
    {
        var (key, shop, today) = await OneShopTenantAsync();
        using var client = fixture.NewApiClient(key);
        await Eventually.TrueAsync(async () => Paid(await client.GetFromJsonAsync<JsonElement>(Overview(today.AddDays(-3), today.AddDays(1)), Ct)) > 0,
            TimeSpan.FromMinutes(3), () => "the shop's paid orders in the overview");

        var before = DateTimeOffset.UtcNow;
        var path = Overview(today.AddDays(-4), today.AddDays(1)); // a range nobody asked for yet
        var responses = await Task.WhenAll(client.GetAsync(path, Ct), client.GetAsync(path, Ct));
        var bodies = new List<JsonElement>();
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(response.Headers.Age is not null, "Age header");
                Assert.Contains("max-age=", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
                bodies.Add(await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
            }
        }

        var computedAt = bodies.Select(b => b.GetProperty("computed_at").GetDateTimeOffset()).Distinct().ToList();
        Assert.Single(computedAt); // one computation served both
        Assert.InRange(computedAt[0], before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.All(bodies, b => Assert.Equal(b.GetProperty("shops").EnumerateArray().Sum(s => Paid(s.GetProperty("summary"))), Paid(b.GetProperty("total"))));
        Assert.All(bodies, b => Assert.True(Paid(b.GetProperty("total")) > 0));
        Assert.All(bodies, b => Assert.Equal(shop, b.GetProperty("shops")[0].GetProperty("shop_id").GetString()));
    }

    [Fact]
    public async Task Overview_AfterTheFreshnessWindow_ShowsAShopConnectedSince()
    {
        var (_, key) = await steps.NewTenantAsync("read", "write");
        string[] shops = [fixture.ClaimShop(), fixture.ClaimShop()];
        await steps.OnboardAsync(key, shops[0]);
        using var client = fixture.NewApiClient(key);
        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/overview", Ct);
        Assert.Equal(1, first.GetProperty("shops").GetArrayLength());

        await steps.OnboardAsync(key, shops[1]); // through the OAuth callback: no invalidation, only freshness
        JsonElement later = default;
        await Eventually.TrueAsync(async () =>
        {
            later = await client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/overview", Ct);
            return later.GetProperty("shops").GetArrayLength() == 2;
        }, TimeSpan.FromMinutes(1), () => "the second shop in the overview: " + later);

        Assert.True(later.GetProperty("computed_at").GetDateTimeOffset() > first.GetProperty("computed_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task CompareByWarehouse_RightAfterRenamingAWarehouse_ShowsTheNewName()
    {
        var (key, shop, today) = await OneShopTenantAsync();
        using var client = fixture.NewApiClient(key);
        var path = $"/api/v1/metrics/compare?by=warehouse&from={today.AddDays(-3):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        JsonElement compare = default;
        await Eventually.TrueAsync(async () =>
        {
            compare = await client.GetFromJsonAsync<JsonElement>(path, Ct);
            return compare.GetProperty("groups").GetArrayLength() > 0;
        }, TimeSpan.FromMinutes(3), () => "a warehouse group: " + compare);
        var warehouse = compare.GetProperty("groups")[0].GetProperty("key").GetString()!;

        var (_, etag) = await steps.ShopAsync(key, shop);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/shops/{shop}")
        {
            Content = JsonContent.Create(new { warehouse_names = new Dictionary<string, string> { [warehouse] = "Renamed DC" } }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using (var patch = await client.SendAsync(request, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        // At once, not after the freshness window: the write invalidated the tenant's shared results.
        var after = await client.GetFromJsonAsync<JsonElement>(path, Ct);
        var group = after.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == warehouse);
        Assert.Equal("Renamed DC", group.GetProperty("name").GetString());
        Assert.True(after.GetProperty("computed_at").GetDateTimeOffset() >= compare.GetProperty("computed_at").GetDateTimeOffset());
    }

    // A new tenant (read and write) with one onboarded shop, and today's UTC date.
    private async Task<(string Key, string Shop, DateOnly Today)> OneShopTenantAsync()
    {
        var (_, key) = await steps.NewTenantAsync("read", "write");
        var shop = fixture.ClaimShop();
        await steps.OnboardAsync(key, shop);
        return (key, shop, DateOnly.FromDateTime(DateTime.UtcNow));
    }

    private static string Overview(DateOnly from, DateOnly to) => $"/api/v1/metrics/overview?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    private static long Paid(JsonElement summary) =>
        summary.TryGetProperty("total", out var total) ? Paid(total)
        : summary.GetProperty("counts").TryGetProperty("orders_paid", out var v) ? v.GetInt64() : 0;
}
