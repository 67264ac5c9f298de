using System.Globalization;
using System.Text;
using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>
/// Issues 10/15: <c>/api/v1/metrics/*</c> and a shop's <c>metrics</c>, <c>health</c>, <c>reconciliation</c> over the day
/// buckets real shop grains wrote from the simulator, checked against the simulator's own metrics truth.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class MetricsApiTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShopSeries_AfterOnboarding_EqualsTheSimulatorsTruth_AndOverviewCompareAndCsvAddUp()
    {
        var (_, key) = await steps.NewTenantAsync("read", "write");
        string[] shops = [fixture.ClaimShop(), fixture.ClaimShop()];
        foreach (var shop in shops)
        {
            await steps.OnboardAsync(key, shop);
        }

        using var client = fixture.NewApiClient(key);
        using var simulator = fixture.NewSimulatorClient();
        // Closed days only (yesterday and before, UTC and every shop-local zone alike): their paid orders no longer change.
        var to = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        var from = to.AddDays(-1);
        var range = $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        foreach (var shop in shops)
        {
            string? last = null;
            await Eventually.TrueAsync(async () =>
            {
                var truth = await TruthAsync(simulator, shop, from, to);
                var ours = await OursAsync(client, shop, range);
                last = $"truth {truth} vs ours {ours}";
                return truth == ours;
            }, TimeSpan.FromMinutes(3), () => $"shop {shop}: {last}");
        }

        var overview = await client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/overview?" + range, Ct);
        Assert.Equal("shop-local", overview.GetProperty("day_boundary").GetString());
        var perShop = overview.GetProperty("shops").EnumerateArray().Sum(s => Paid(s.GetProperty("summary")));
        Assert.Equal(perShop, Paid(overview.GetProperty("total")));
        Assert.True(perShop > 0, "the demo shops had paid orders on those days");

        var compare = await client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/compare?by=region&" + range, Ct);
        Assert.Equal(perShop, compare.GetProperty("groups").EnumerateArray().Sum(g => Paid(g.GetProperty("summary"))));
        Assert.Equal(perShop, Paid(compare.GetProperty("total")));

        using var csv = await client.GetAsync("/api/v1/metrics/compare.csv?by=shop&" + range, Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("group,key,name,shops,currency,orders_paid", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("total,", StringComparison.Ordinal));

        var health = await client.GetFromJsonAsync<JsonElement>($"/api/v1/shops/{shops[0]}/health", Ct);
        Assert.Equal(100 - 25 * health.GetProperty("reasons").GetArrayLength(), health.GetProperty("score").GetInt32());
        var reconciliation = await client.GetFromJsonAsync<JsonElement>($"/api/v1/shops/{shops[0]}/reconciliation?" + range, Ct);
        Assert.Equal(2, reconciliation.GetProperty("days").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/metrics/overview?from=2026-13-01", "from")]
    [InlineData("/api/v1/metrics/overview?from=2026-11-30&to=2026-11-01", "from")]
    [InlineData("/api/v1/metrics/overview?from=2024-01-01&to=2026-01-01", "to")]
    [InlineData("/api/v1/metrics/overview?limit=0", "limit")]
    [InlineData("/api/v1/metrics/overview?limit=1001", "limit")]
    [InlineData("/api/v1/metrics/overview?limit=ten", "limit")]
    [InlineData("/api/v1/metrics/overview?cursor=not-ours", "cursor")]
    [InlineData("/api/v1/metrics/compare?by=planet", "by")]
    [InlineData("/api/v1/metrics/compare.csv?by=1", "by")]
    public async Task BadQuery_Is400ProblemNamingTheParameter(string path, string parameter)
    {
        var (_, key) = await steps.NewTenantAsync("read");
        using var client = fixture.NewApiClient(key);
        using var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"errors name {parameter}");
    }

    [Fact]
    public async Task AnotherTenantsShop_Is404_AndItsOverviewIsEmpty()
    {
        var (_, owner) = await steps.NewTenantAsync("read", "write");
        var shop = fixture.ClaimShop();
        await steps.OnboardAsync(owner, shop);
        var (_, stranger) = await steps.NewTenantAsync("read");
        using var client = fixture.NewApiClient(stranger);
        foreach (var path in new[] { "metrics", "health", "reconciliation" })
        {
            using var response = await client.GetAsync($"/api/v1/shops/{shop}/{path}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var overview = await client.GetFromJsonAsync<JsonElement>("/api/v1/metrics/overview", Ct);
        Assert.Equal(0, overview.GetProperty("shops").GetArrayLength());
        Assert.Equal(0, Paid(overview.GetProperty("total")));
    }

    [Fact]
    public async Task Overview_WhileShopsSync_TotalIsTheSumOfItsShopRows_EveryCountAndCurrency()
    {
        var (_, key) = await steps.NewTenantAsync("read", "write");
        string[] shops = [fixture.ClaimShop(), fixture.ClaimShop()];
        foreach (var shop in shops)
        {
            await steps.OnboardAsync(key, shop);
        }

        using var client = fixture.NewApiClient(key);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var path = $"/api/v1/metrics/overview?from={today.AddDays(-3):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        JsonElement overview = default;
        await Eventually.TrueAsync(async () =>
        {
            overview = await client.GetFromJsonAsync<JsonElement>(path, Ct);
            return overview.GetProperty("shops").EnumerateArray().Count(s => Paid(s.GetProperty("summary")) > 0) == shops.Length;
        }, TimeSpan.FromMinutes(3), () => "both shops' paid orders in the overview: " + overview);

        // One response is one read: its total is exactly the sum of its rows (the shops keep syncing meanwhile).
        Assert.Equal(shops.Order(StringComparer.Ordinal), overview.GetProperty("shops").EnumerateArray().Select(s => s.GetProperty("shop_id").GetString()!).Order(StringComparer.Ordinal));
        var rows = overview.GetProperty("shops").EnumerateArray().Select(s => s.GetProperty("summary")).ToList();
        var total = overview.GetProperty("total");
        Assert.Equal(Counts(rows.SelectMany(r => r.GetProperty("counts").EnumerateObject())), Counts(total.GetProperty("counts").EnumerateObject()));
        Assert.Equal(Money(rows), Money([total]));
        Assert.True(Paid(total) > 0);

        // Pages of one shop, in shop id order, each shop once; both count the tenant's two shops and carry its total (the
        // shops keep syncing and the fixture's results stay fresh 1 s, so the second page may come from a newer result).
        var first = await client.GetFromJsonAsync<JsonElement>(path + "&limit=1", Ct);
        var cursor = first.GetProperty("next_cursor").GetString();
        Assert.NotNull(cursor);
        var second = await client.GetFromJsonAsync<JsonElement>(path + "&limit=1&cursor=" + Uri.EscapeDataString(cursor), Ct);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        Assert.All(new[] { first, second }, page =>
        {
            Assert.Equal(2, page.GetProperty("shop_count").GetInt32());
            Assert.True(Paid(page.GetProperty("total")) > Paid(page.GetProperty("shops")[0].GetProperty("summary")), "a page's total is the tenant's, not the page's");
        });
        Assert.Equal(shops.Order(StringComparer.Ordinal), new[] { first, second }.Select(p => Assert.Single(p.GetProperty("shops").EnumerateArray()).GetProperty("shop_id").GetString()!));
    }

    private static SortedDictionary<string, long> Counts(IEnumerable<JsonProperty> fields)
    {
        var sums = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            sums[f.Name] = sums.GetValueOrDefault(f.Name) + f.Value.GetInt64();
        }

        return sums;
    }

    // currency → (gmv, refund_amount) summed over the summaries.
    private static SortedDictionary<string, (decimal Gmv, decimal Refunds)> Money(IEnumerable<JsonElement> summaries)
    {
        var sums = new SortedDictionary<string, (decimal Gmv, decimal Refunds)>(StringComparer.Ordinal);
        foreach (var m in summaries.SelectMany(s => s.GetProperty("money").EnumerateArray()))
        {
            var c = m.GetProperty("currency").GetString()!;
            var (gmv, refunds) = sums.GetValueOrDefault(c);
            sums[c] = (gmv + m.GetProperty("gmv").GetDecimal(), refunds + m.GetProperty("refund_amount").GetDecimal());
        }

        return sums;
    }

    private static long Paid(JsonElement summary) =>
        summary.GetProperty("counts").TryGetProperty("orders_paid", out var v) ? v.GetInt64() : 0;

    // orders_paid and gmv (minor units × 100) per day, as text, from the simulator's metrics truth.
    private static async Task<string> TruthAsync(HttpClient simulator, string shop, DateOnly from, DateOnly to)
    {
        var truth = await simulator.GetFromJsonAsync<JsonElement>($"/_sim/truth/{shop}/metrics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", Ct);
        var days = truth.GetProperty("days");
        var text = new List<string>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var fields = days.TryGetProperty(date, out var f) ? f : default;
            text.Add($"{date}:{Field(fields, "orders_paid")}/{Field(fields, "gmv")}");
        }

        return string.Join(' ', text);
    }

    private static async Task<string> OursAsync(HttpClient client, string shop, string range)
    {
        var series = await client.GetFromJsonAsync<JsonElement>($"/api/v1/shops/{shop}/metrics?{range}", Ct);
        var days = series.GetProperty("days").EnumerateArray().Select(d =>
        {
            var summary = d.GetProperty("summary");
            var gmv = summary.GetProperty("money").EnumerateArray().Sum(m => m.GetProperty("gmv").GetDecimal());
            return $"{d.GetProperty("date").GetString()}:{Paid(summary)}/{(long)(gmv * 100)}";
        });
        return string.Join(' ', days);
    }

    private static long Field(JsonElement fields, string name) =>
        fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
}
