using System.Globalization;
using System.Text;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Errors;
using StackExchange.Redis;

namespace OpenClaw.Api.Tests;

/// <summary>
/// Issue 15: a seller's own systems report failed TikTok calls through <c>POST /api/v1/ops-errors/ingest</c>; they are
/// redacted, classified by the error catalogue and stored beside OpenClaw's own errors with <c>source = seller</c>.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class OpsErrorIngestTests(ApiFixture fixture)
{
    private const string Orders = "/order/202309/orders/search";
    private static readonly string[] Secrets = ["SECRET_BEARER_1", "SECRET_TTS_2", "SECRET_COOKIE_3", "SECRET_AT_4", "SECRET_SIGN_5", "张三", "13800000000", "buyer@example.com", "北京市朝阳区"];
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batch_IsClassifiedRedactedAndListedAsSeller_OtherTenantsShopRejectedAlone()
    {
        var (tenant, key) = await steps.NewTenantAsync("read", "write");
        var (_, otherKey) = await steps.NewTenantAsync("read", "write");
        var shop = fixture.ClaimShop();
        var othersShop = fixture.ClaimShop();
        await steps.OnboardAsync(key, shop);
        await steps.OnboardAsync(otherKey, othersShop);
        using var client = fixture.NewApiClient(key);
        var now = DateTimeOffset.UtcNow;
        var late = now.AddMinutes(-10).ToOffset(TimeSpan.FromHours(8));
        var early = now.AddHours(-2).ToOffset(TimeSpan.FromHours(8));

        object[] items =
        [
            new
            {
                shop_id = shop, endpoint = Orders + "?access_token=SECRET_AT_4&sign=SECRET_SIGN_5", method = "post", http_status = 429, code = (int?)null,
                message = "Too many requests: access token expired", request_id = "req-1",
                request_payload = "POST " + Orders + "?access_token=SECRET_AT_4&sign=SECRET_SIGN_5\nAuthorization: Bearer SECRET_BEARER_1\n{\"page_size\":50}",
                response_payload = new { code = 429, data = new { recipient_address = new { name = "张三", phone_number = "13800000000", full_address = "北京市朝阳区 1 号" }, buyer_email = "buyer@example.com" } },
                response_headers = new Dictionary<string, string> { ["Retry-After"] = "2", ["Authorization"] = "Bearer SECRET_BEARER_1", ["x-tts-access-token"] = "SECRET_TTS_2", ["Set-Cookie"] = "sid=SECRET_COOKIE_3; Path=/" },
                retry_count = 3, occurred_at = Iso(late),
            },
            new { shop_id = shop, endpoint = "/logistics/202309/packages/ship", http_status = 400, code = 77001234, message = "warehouse gateway hiccup", retry_count = 0, occurred_at = Iso(late) },
            new { shop_id = shop, endpoint = "/logistics/202309/packages/ship", http_status = 400, code = 77001234, message = "warehouse gateway hiccup again", retry_count = 1, occurred_at = Iso(early) },
            new { shop_id = othersShop, endpoint = Orders, http_status = 500, code = 36009003, message = "internal", occurred_at = Iso(late) },
            new { shop_id = shop, endpoint = "/webhooks/tiktok/order-status", message = "The operation timed out", occurred_at = Iso(late) },
        ];
        using var response = await client.PostAsJsonAsync("/api/v1/ops-errors/ingest", new { items }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(4, body.GetProperty("stored").GetInt32());
        Assert.Equal(1, body.GetProperty("rejected").GetInt32());
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["stored", "stored", "stored", "rejected", "stored"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.True(results[3].GetProperty("errors").TryGetProperty("shop_id", out _), results[3].ToString());
        Assert.Equal(("105002", "auth"), (results[0].GetProperty("code").GetString(), results[0].GetProperty("category").GetString()));
        Assert.Equal("77001234", results[1].GetProperty("code").GetString());
        Assert.Equal(results[1].GetProperty("group_id").GetString(), results[2].GetProperty("group_id").GetString());
        Assert.Equal("timeout", results[4].GetProperty("code").GetString());

        // Listed beside OpenClaw's own errors, marked and filterable by source.
        var seller = await ItemsAsync(client, "?source=seller");
        Assert.Equal(3, seller.Count);
        Assert.All(seller, i => Assert.Equal("seller", i.GetProperty("source").GetString()));
        Assert.DoesNotContain(await ItemsAsync(client, "?source=openclaw"), i => i.GetProperty("source").GetString() != "openclaw");
        var auth = seller.Single(i => i.GetProperty("code").GetString() == "105002");
        Assert.Equal(Orders, auth.GetProperty("endpoint").GetString());
        Assert.Equal("POST", auth.GetProperty("method").GetString());
        Assert.Equal(3, auth.GetProperty("max_retries").GetInt32());
        Assert.Equal(ErrorCatalogue.Get("105002").DiagnosisZh, auth.GetProperty("diagnosis_zh").GetString());
        Assert.Contains("Retry-After: 2", auth.GetProperty("response_headers").GetString(), StringComparison.Ordinal);
        Assert.Contains("Authorization: ***", auth.GetProperty("response_headers").GetString(), StringComparison.Ordinal);
        var unknown = seller.Single(i => i.GetProperty("code").GetString() == "77001234");
        Assert.Equal(2, unknown.GetProperty("occurrences").GetInt64());
        Assert.Equal(77001234, unknown.GetProperty("tiktok_code").GetInt32());
        Assert.Equal("warehouse gateway hiccup", unknown.GetProperty("message").GetString()); // the latest occurrence's, though it arrived first
        Assert.Equal(ErrorCatalogue.Get("unknown_code").DiagnosisEn, unknown.GetProperty("diagnosis_en").GetString());
        Assert.Equal(early.ToUnixTimeSeconds(), unknown.GetProperty("first_seen").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(late.ToUnixTimeSeconds(), unknown.GetProperty("last_seen").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Single(await ItemsAsync(client, "?source=seller&code=77001234"));
        Assert.Single(await ItemsAsync(client, "?source=seller&minRetries=3"));

        var summary = await client.GetFromJsonAsync<JsonElement>("/api/v1/ops-errors/summary?by=code&source=seller", Ct);
        Assert.Equal([("105002", 1L), ("77001234", 2L), ("timeout", 1L)], summary.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("key").GetString()!, i.GetProperty("occurrences").GetInt64())).OrderBy(k => k.Item1, StringComparer.Ordinal).ToArray());

        var (header, rows) = OpsErrorsApiTests.ReadCsv(await client.GetByteArrayAsync("/api/v1/ops-errors/export.csv?source=seller", Ct));
        Assert.Equal(OpsErrors.OpsErrorCsv.Columns, header);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("seller", r["source"]));
        var csvUnknown = rows.Single(r => r["error_code"] == "77001234");
        Assert.Equal((shop, "/logistics/202309/packages/ship", "400", "2", "1"), (csvUnknown["shop_id"], csvUnknown["api_endpoint"], csvUnknown["http_status"], csvUnknown["occurrences"], csvUnknown["retry_count"]));
        Assert.Equal(early.ToUnixTimeSeconds(), DateTimeOffset.Parse(csvUnknown["first_occurred_at"], CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.Matches(@"[+-]\d{2}:\d{2}$", csvUnknown["last_occurred_at"]);

        // Nothing secret or personal reached the store, the API or the export.
        var stored = await RawGroupsAsync(tenant, results.Where(r => r.GetProperty("status").GetString() == "stored").Select(r => r.GetProperty("group_id").GetString()!));
        Assert.Equal(3, stored.Count);
        var everything = string.Join('\n', stored) + string.Join('\n', seller.Select(s => s.GetRawText())) + string.Join('\n', rows.SelectMany(r => r.Values));
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        // The other tenant sees none of it; its shop got nothing.
        using var other = fixture.NewApiClient(otherKey);
        Assert.Empty(await ItemsAsync(other, "?source=seller"));
    }

    [Fact]
    public async Task Batch_ReplayedWithTheSameIdempotencyKey_IsStoredOnce()
    {
        var (_, key) = await steps.NewTenantAsync("read", "write");
        var shop = fixture.ClaimShop();
        await steps.OnboardAsync(key, shop);
        using var client = fixture.NewApiClient(key);
        var batch = new { items = new[] { new { shop_id = shop, endpoint = Orders, http_status = 503, message = "overloaded", occurred_at = Iso(DateTimeOffset.UtcNow.AddMinutes(-5)) } } };
        var idempotencyKey = Guid.NewGuid().ToString();

        using var first = await PostAsync(client, batch, idempotencyKey);
        using var replay = await PostAsync(client, batch, idempotencyKey);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await replay.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, Assert.Single(await ItemsAsync(client, "?source=seller")).GetProperty("occurrences").GetInt64());

        // A new key is a new report: counted again (the replay above would have been too, had it run).
        using var again = await PostAsync(client, batch, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, Assert.Single(await ItemsAsync(client, "?source=seller")).GetProperty("occurrences").GetInt64());
    }

    [Fact]
    public async Task Batch_OutOfBounds_Is4xxProblem_AndNothingIsStored()
    {
        var (_, key) = await steps.NewTenantAsync("read", "write");
        using var client = fixture.NewApiClient(key);
        var item = new { shop_id = "not-this-tenants", endpoint = Orders, http_status = 500, occurred_at = Iso(DateTimeOffset.UtcNow) };

        using var tooMany = await client.PostAsJsonAsync("/api/v1/ops-errors/ingest", new { items = Enumerable.Repeat(item, 501) }, Ct);
        Assert.Equal("too_many_items", (await AgencySteps.AssertProblemAsync(tooMany, HttpStatusCode.BadRequest)).GetProperty("error_code").GetString());
        using var huge = await client.PostAsync("/api/v1/ops-errors/ingest",
            new StringContent("{\"items\":[{\"message\":\"" + new string('x', 5 * 1024 * 1024) + "\"}]}", Encoding.UTF8, "application/json"), Ct);
        await AgencySteps.AssertProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
        using var none = await client.PostAsJsonAsync("/api/v1/ops-errors/ingest", new { items = new[] { item } }, Ct);
        var problem = await AgencySteps.AssertProblemAsync(none, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("results")[0].GetProperty("errors").TryGetProperty("shop_id", out _), problem.ToString());
        Assert.Empty(await ItemsAsync(client, ""));
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/ops-errors" + query, Ct)).GetProperty("items").EnumerateArray()];

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, object batch, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ops-errors/ingest") { Content = JsonContent.Create(batch) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, Ct);
    }

    // The stored hashes of the groups, every field and value as text.
    private static async Task<List<string>> RawGroupsAsync(string tenant, IEnumerable<string> groupIds)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync((await SharedRedis.GetAsync()).ConnectionString);
        await using (redis)
        {
            var db = redis.GetDatabase();
            var texts = new List<string>();
            foreach (var id in groupIds.Distinct(StringComparer.Ordinal))
            {
                var fields = await db.HashGetAllAsync(OpsErrorKeys.Group(tenant, id));
                Assert.NotEmpty(fields);
                Assert.Equal("seller", fields.Single(f => f.Name == "source").Value.ToString());
                texts.Add(string.Join('\n', fields.Select(f => f.Name + "=" + f.Value)));
            }

            return texts;
        }
    }
}
