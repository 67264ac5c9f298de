using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>API keys (issued once, hashed, revocable, last used) and the service's public documents.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class KeysAndDocumentTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Key_IssuedByTenantAdmin_WorksUntilRevoked_AndListShowsNoSecret()
    {
        var (tenantId, adminKey) = await steps.NewTenantAsync("admin");
        using var admin = fixture.NewApiClient(adminKey);
        using var issued = await admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/keys", new { name = "dashboard", scopes = new[] { "read" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = body.GetProperty("key").GetString()!;
        var keyId = body.GetProperty("key_id").GetString()!;
        Assert.StartsWith("ock_", key, StringComparison.Ordinal);

        using (var user = new HttpClient { BaseAddress = new Uri(fixture.ApiUrl) })
        {
            user.DefaultRequestHeaders.Add("X-Api-Key", key);
            using var ok = await user.GetAsync("/api/v1/shops", Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

            // An Authorization header of another scheme (a gateway's Basic sign-in; TikTok's bare webhook signature) is
            // not an API key: the X-Api-Key beside it still signs in.
            using var behindGateway = new HttpRequestMessage(HttpMethod.Get, "/api/v1/shops");
            behindGateway.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
            using var throughGateway = await user.SendAsync(behindGateway, Ct);
            Assert.Equal(HttpStatusCode.OK, throughGateway.StatusCode);
        }

        var list = await admin.GetStringAsync($"/api/v1/tenants/{tenantId}/keys", Ct);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.Contains(keyId, list, StringComparison.Ordinal);
        Assert.Contains("\"last_used_at\":\"", list, StringComparison.Ordinal);

        using (var revoked = await admin.DeleteAsync($"/api/v1/tenants/{tenantId}/keys/{keyId}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using var after = fixture.NewApiClient(key);
        using var refused = await after.GetAsync("/api/v1/shops", Ct);
        await AgencySteps.AssertProblemAsync(refused, HttpStatusCode.Unauthorized);

        using var unknown = await admin.DeleteAsync($"/api/v1/tenants/{tenantId}/keys/key_0000", Ct);
        await AgencySteps.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Key_RevokedThroughOneReplica_IsRefusedByAnotherThatCachedIt()
    {
        // The other replica would trust its cached record for 5 minutes: only the revocation message can refuse the key.
        var replicaUrl = await fixture.StartApiReplicaAsync("--Api:KeyCacheLifetime=00:05:00");
        var (tenantId, adminKey) = await steps.NewTenantAsync("admin");
        using var admin = fixture.NewApiClient(adminKey);
        using var issued = await admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/keys", new { name = "erp", scopes = new[] { "read" } }, Ct);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var (key, keyId) = (body.GetProperty("key").GetString()!, body.GetProperty("key_id").GetString()!);
        using var replica = new HttpClient { BaseAddress = new Uri(replicaUrl) };
        replica.DefaultRequestHeaders.Authorization = new("Bearer", key);
        using (var ok = await replica.GetAsync("/api/v1/shops", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var revoked = await admin.DeleteAsync($"/api/v1/tenants/{tenantId}/keys/{keyId}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        // Pub/sub delivery is asynchronous: allow it 2 s.
        var deadline = DateTime.UtcNow.AddSeconds(2);
        HttpStatusCode status;
        do
        {
            using var after = await replica.GetAsync("/api/v1/shops", Ct);
            status = after.StatusCode;
            if (status == HttpStatusCode.Unauthorized)
            {
                await AgencySteps.AssertProblemAsync(after, HttpStatusCode.Unauthorized);
                break;
            }

            await Task.Delay(50, Ct);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Tenant_CreatedTwice_IsAConflict_AndBadIdIsRejected()
    {
        using var platform = fixture.NewApiClient(ApiFixture.BootstrapKey);
        var id = "t-" + Guid.NewGuid().ToString("N")[..10];
        using (var first = await platform.PostAsJsonAsync("/api/v1/tenants", new { tenant_id = id, name = "A" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var second = await platform.PostAsJsonAsync("/api/v1/tenants", new { tenant_id = id, name = "A" }, Ct))
        {
            await AgencySteps.AssertProblemAsync(second, HttpStatusCode.Conflict);
        }

        using var bad = await platform.PostAsJsonAsync("/api/v1/tenants", new { tenant_id = "Bad Id!", name = "" }, Ct);
        var problem = await AgencySteps.AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("tenant_id", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheEndpoints_AndHealthAnswers()
    {
        using var client = fixture.NewApiClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/tenants", "/api/v1/tenants/{tenantId}/keys", "/api/v1/tenants/{tenantId}/keys/{keyId}", "/api/v1/shops",
            "/api/v1/shops/authorize", "/api/v1/shops/{shopId}", "/api/v1/shops/{shopId}/sync", "/api/v1/shops/{shopId}/backfill", "/api/v1/oauth/callback",
            "/api/v1/ops-errors", "/api/v1/ops-errors/export.csv", "/api/v1/ops-errors/ingest" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }

        using var scalar = await client.GetAsync("/scalar", Ct);
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        using var health = await client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var alive = await client.GetAsync("/alive", Ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
