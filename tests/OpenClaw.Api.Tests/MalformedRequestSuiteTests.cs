using System.Collections.Concurrent;
using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>
/// Thousands of generated bad requests (<see cref="MalformedRequests"/>) against every endpoint: never a 5xx, always
/// an RFC 9457 problem, and nothing stored changes (the shop's settings and revision, the tenant's shops, keys and
/// audit log, the seller-reported ops errors are the same afterwards).
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class MalformedRequestSuiteTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoThousandBadRequests_NeverServerError_AlwaysProblem_NothingChanged()
    {
        var (tenantId, adminKey) = await steps.NewTenantAsync("admin");
        using var admin = fixture.NewApiClient(adminKey);
        var readKey = await AgencySteps.IssueKeyAsync(admin, tenantId, ["read"]);
        var shopId = fixture.ClaimShop();
        await steps.OnboardAsync(adminKey, shopId);
        var before = await StoredStateAsync(admin, adminKey, tenantId, shopId);

        var requests = new MalformedRequests(tenantId, shopId, adminKey, readKey, ApiFixture.BootstrapKey).All().ToList();
        Assert.True(requests.Count >= 2000, $"only {requests.Count} requests generated");
        var failures = new ConcurrentQueue<string>();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.ApiUrl), Timeout = TimeSpan.FromSeconds(60) };
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (bad, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
            if (bad.Body is not null)
            {
                request.Content = new ByteArrayContent(bad.Body);
                request.Content.Headers.ContentType = bad.ContentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(bad.ContentType);
            }

            if (bad.Authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", bad.Authorization);
            }

            if (bad.IfMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", bad.IfMatch);
            }

            using var response = await client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or >= 500 || type != "application/problem+json")
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                failures.Enqueue($"{bad.Method} {Shorten(bad.Path)} ({bad.Why}) → {status} {type}: {Shorten(body)}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count} answered wrongly:\n" + string.Join('\n', failures.Take(40)));
        var after = await StoredStateAsync(admin, adminKey, tenantId, shopId);
        Assert.Equal(before, after);
    }

    // What the bad requests must not change, as one comparable text.
    private async Task<string> StoredStateAsync(HttpClient admin, string adminKey, string tenantId, string shopId)
    {
        var (shop, etag) = await steps.ShopAsync(adminKey, shopId);
        var shops = await admin.GetFromJsonAsync<JsonElement>("/api/v1/shops?limit=200", Ct);
        var keys = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenantId}/keys", Ct);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?limit=500", Ct);
        var reported = await admin.GetFromJsonAsync<JsonElement>("/api/v1/ops-errors?source=seller", Ct);
        return string.Join('\n',
            etag, shop.GetProperty("status").GetString(), shop.GetProperty("settings").GetRawText(),
            string.Join(',', shops.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("shop_id").GetString() + ":" + s.GetProperty("status").GetString())),
            string.Join(',', keys.EnumerateArray().Select(k => k.GetProperty("key_id").GetString() + ":" + k.GetProperty("revoked_at").ToString())),
            string.Join(',', audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString())),
            reported.GetProperty("items").GetRawText());
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
