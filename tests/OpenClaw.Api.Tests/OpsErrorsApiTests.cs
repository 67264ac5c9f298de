using System.Text;
using CsvHelper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;
using StackExchange.Redis;

namespace OpenClaw.Api.Tests;

/// <summary>Issue 10/15: <c>/api/v1/ops-errors</c> search, summary and CSV export over real Redis, per tenant.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class OpsErrorsApiTests(ApiFixture fixture)
{
    private const string Orders = "/order/202309/orders/search";
    private const string Refresh = "/api/v2/token/refresh";
    private const string Tricky = "=cmd|' /C calc'!A0, \"quoted\"\n第二行";
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_Filters_ReturnExactlyTheMatchingGroups_AndAnotherTenantSeesNothing()
    {
        var (tenant, key) = await steps.NewTenantAsync("read");
        var (_, otherKey) = await steps.NewTenantAsync("read");
        await SeedAsync(tenant);
        using var client = fixture.NewApiClient(key);

        Assert.Equal(["s1|" + Orders + "|36009003"], await GroupsAsync(client, "?code=36009003"));
        Assert.Equal(["s2|" + Refresh + "|http_503"], await GroupsAsync(client, "?httpStatus=503"));
        Assert.Equal(["s1|" + Orders + "|36009003", "s2|" + Orders + "|bad_response"], await GroupsAsync(client, "?endpoint=" + Uri.EscapeDataString(Orders)));
        Assert.Equal(["s2|" + Refresh + "|http_503", "s2|" + Orders + "|bad_response"], await GroupsAsync(client, "?shopId=s2"));
        Assert.Equal(["s1|" + Orders + "|36009003"], await GroupsAsync(client, "?minRetries=3"));
        Assert.Empty(await GroupsAsync(client, "?to=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))));
        Assert.Equal(3, (await GroupsAsync(client, "?from=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O")))).Length);

        // Pages of one, by cursor, cover the three groups once.
        var seen = new List<string>();
        var query = "?limit=1";
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/ops-errors" + query, Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("group_id").GetString()!));
            if (page.GetProperty("next_cursor").ValueKind == JsonValueKind.Null)
            {
                break;
            }

            query = "?limit=1&cursor=" + page.GetProperty("next_cursor").GetString();
        }

        Assert.Equal(3, seen.Distinct().Count());
        Assert.Equal(3, seen.Count);

        var item = (await client.GetFromJsonAsync<JsonElement>("/api/v1/ops-errors?code=36009003", Ct)).GetProperty("items")[0];
        Assert.Equal(36009003, item.GetProperty("tiktok_code").GetInt32());
        Assert.Equal(500, item.GetProperty("http_status").GetInt32());
        Assert.Equal(2, item.GetProperty("occurrences").GetInt64());
        Assert.Equal(ErrorCatalogue.Get("36009003").FixZh, item.GetProperty("fix_zh").GetString());

        var summary = await client.GetFromJsonAsync<JsonElement>("/api/v1/ops-errors/summary?by=shop", Ct);
        Assert.Equal([("s1", 2L), ("s2", 2L)], summary.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("key").GetString()!, i.GetProperty("occurrences").GetInt64())).Order().ToArray());

        using var other = fixture.NewApiClient(otherKey);
        Assert.Empty(await GroupsAsync(other, ""));
        Assert.Empty(await GroupsAsync(other, "?shopId=s1"));
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/v1/ops-errors/summary?by=code", Ct)).GetProperty("items").EnumerateArray());
        var otherCsv = await other.GetByteArrayAsync("/api/v1/ops-errors/export.csv", Ct);
        var (otherHeader, otherRows) = ReadCsv(otherCsv);
        Assert.Equal(OpsErrors.OpsErrorCsv.Columns, otherHeader);
        Assert.Empty(otherRows);
    }

    [Theory]
    [InlineData("/api/v1/ops-errors?limit=0", "limit")]
    [InlineData("/api/v1/ops-errors?limit=501", "limit")]
    [InlineData("/api/v1/ops-errors?cursor=not-ours", "cursor")]
    [InlineData("/api/v1/ops-errors?httpStatus=abc", "httpStatus")]
    [InlineData("/api/v1/ops-errors?minRetries=-1", "minRetries")]
    [InlineData("/api/v1/ops-errors?from=2026-11-30T08:00:00", "from")]
    [InlineData("/api/v1/ops-errors?to=yesterday", "to")]
    [InlineData("/api/v1/ops-errors?shopId=a%7Cb", "shopId")]
    [InlineData("/api/v1/ops-errors?endpoint=orders", "endpoint")]
    [InlineData("/api/v1/ops-errors?code=%3Dcmd", "code")]
    [InlineData("/api/v1/ops-errors/summary", "by")]
    [InlineData("/api/v1/ops-errors/summary?by=tenant", "by")]
    [InlineData("/api/v1/ops-errors/export.csv?lang=fr", "lang")]
    public async Task BadParameter_Is400ProblemNamingIt(string path, string parameter)
    {
        var (_, key) = await steps.NewTenantAsync("read");
        using var client = fixture.NewApiClient(key);
        using var response = await client.GetAsync(path, Ct);

        var problem = await AgencySteps.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task ExportCsv_OpensInExcel_BomCrlfQuotingChineseAndNoFormulas_AndRoundTrips()
    {
        var (tenant, key) = await steps.NewTenantAsync("read");
        await SeedAsync(tenant);
        using var client = fixture.NewApiClient(key);
        using var response = await client.GetAsync("/api/v1/ops-errors/export.csv?lang=zh-CN&shopId=s2", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Equal("false", response.Headers.GetValues(Apis.OpsErrorsApi.TruncatedHeader).Single());
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith(string.Join(',', OpsErrors.OpsErrorCsv.Columns) + "\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\n第二行\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=cmd", text, StringComparison.Ordinal);

        var (header, rows) = ReadCsv(bytes);
        Assert.Equal(OpsErrors.OpsErrorCsv.Columns, header);
        // The issue's columns, in its order, come first.
        Assert.Equal(["error_id", "shop_id", "api_endpoint", "http_status", "error_code", "error_message", "first_occurred_at", "last_occurred_at",
            "occurrences", "retry_count", "diagnosis"], header[..11]);
        Assert.Equal(2, rows.Count);
        var bad = rows.Single(r => r["error_code"] == "bad_response");
        Assert.Equal("'" + Tricky, bad["error_message"]);
        Assert.Equal("s2|" + Orders + "|bad_response", bad["error_id"]);
        Assert.Equal(Orders, bad["api_endpoint"]);
        Assert.Equal("openclaw", bad["source"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$", bad["first_occurred_at"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$", bad["last_occurred_at"]);
        Assert.Equal(ErrorCatalogue.Get("bad_response").DiagnosisZh, bad["diagnosis"]);
        Assert.Equal(ErrorCatalogue.Get("bad_response").FixZh, bad["fix"]);
        Assert.Equal("s2", bad["shop_id"]);
        Assert.Equal("1", bad["occurrences"]);
        var refresh = rows.Single(r => r["error_code"] == "http_503");
        Assert.Equal("1", refresh["retry_count"]);
        Assert.Equal("503", refresh["http_status"]);
        Assert.Contains("refresh_token=***", refresh["request_excerpt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShopSyncingAgainstFaults_ShowsItsErrorsInSearchAndShopDetail()
    {
        var (_, key) = await steps.NewTenantAsync("admin");
        var shopId = fixture.ClaimShop();
        using (var simulator = fixture.NewSimulatorClient())
        {
            await SimulatorAdmin.AddFaultAsync(simulator, new { kind = "error", code = 36009003, count = 4, path_prefix = Orders, shop_id = shopId }, Ct);
        }

        await steps.OnboardAsync(key, shopId);
        using var client = fixture.NewApiClient(key);
        await Eventually.TrueAsync(async () => (await GroupsAsync(client, "?shopId=" + shopId)).Length > 0, TimeSpan.FromMinutes(2), () => "no ops error recorded");

        var item = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/ops-errors?shopId={shopId}&code=36009003", Ct)).GetProperty("items")[0];
        Assert.Equal(3, item.GetProperty("max_retries").GetInt32());
        Assert.Equal(34, item.GetProperty("request_id").GetString()!.Length);
        var (shop, _) = await steps.ShopAsync(key, shopId);
        Assert.Contains(shop.GetProperty("last_errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "36009003");
    }

    private static async Task<string[]> GroupsAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/ops-errors" + query, Ct);
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("group_id").GetString()!).Order(StringComparer.Ordinal)];
    }

    private static async Task SeedAsync(string tenant)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync((await SharedRedis.GetAsync()).ConnectionString);
        await using (redis)
        {
            var book = new OpsErrorBook(redis, Options.Create(new OpsErrorOptions()), TimeProvider.System, NullLogger<OpsErrorBook>.Instance);
            await book.RecordAsync(tenant, "s1", Call(Orders, "36009003", 500, retries: 3));
            await book.RecordAsync(tenant, "s1", Call(Orders, "36009003", 500, retries: 1, recovered: true));
            await book.RecordAsync(tenant, "s2", Call(Orders, "bad_response", 200, message: Tricky));
            await book.RecordAsync(tenant, "s2", new FailedCall("GET", Refresh, Error(Refresh, "http_503", 503, "HTTP 503"), 1, true,
                "GET /api/v2/token/refresh?app_key=k&app_secret=***&refresh_token=***&grant_type=refresh_token", "overloaded"));
        }
    }

    private static FailedCall Call(string path, string key, int http, int retries = 0, bool recovered = false, string message = "failed") =>
        new("POST", path, Error(path, key, http, message), retries, recovered, "POST " + path + "?page_size=100", "{\"code\":1}");

    private static TikTokShopError Error(string path, string key, int http, string message) =>
        new(http, ErrorCatalogue.Get(key).Code, message, null, path, ErrorCatalogue.Get(key));

    internal static (string[] Header, List<Dictionary<string, string>> Rows) ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.ToDictionary(h => h, h => reader.GetString(h), StringComparer.Ordinal));
        }

        return ([.. reader.Headers], rows);
    }
}
