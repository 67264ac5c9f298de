using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary><c>Idempotency-Key</c>: a retried creation replays the first answer; a reused key with another body, or one still running, is refused.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class IdempotencyTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateTenant_SameKeySameBody_ReplaysFirstAnswer_DifferentBodyIs422()
    {
        using var platform = fixture.NewApiClient(ApiFixture.BootstrapKey);
        var tenantId = "idem-" + Guid.NewGuid().ToString("N")[..10];
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync(platform, "/api/v1/tenants", new { tenant_id = tenantId, name = "幂等" }, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));

        // Without the header the same body would now be a 409 (the tenant exists): the replay proves it did not run again.
        using var replay = await PostAsync(platform, "/api/v1/tenants", new { tenant_id = tenantId, name = "幂等" }, key);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await replay.Content.ReadAsStringAsync(Ct));

        using var reused = await PostAsync(platform, "/api/v1/tenants", new { tenant_id = tenantId + "-x", name = "幂等" }, key);
        var problem = await AgencySteps.AssertProblemAsync(reused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("idempotency_key_reused", problem.GetProperty("error_code").GetString());
        using var notCreated = await platform.GetAsync($"/api/v1/tenants/{tenantId}-x", Ct);
        Assert.Equal(HttpStatusCode.NotFound, notCreated.StatusCode);
    }

    [Fact]
    public async Task IssueKey_Retried_ReturnsTheSameKeyOnce()
    {
        var (tenantId, admin) = await steps.NewTenantAsync("admin");
        using var client = fixture.NewApiClient(admin);
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync(client, $"/api/v1/tenants/{tenantId}/keys", new { name = "retried", scopes = new[] { "read" } }, key);
        using var again = await PostAsync(client, $"/api/v1/tenants/{tenantId}/keys", new { name = "retried", scopes = new[] { "read" } }, key);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var b = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(a.GetProperty("key").GetString(), b.GetProperty("key").GetString());
        var keys = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenantId}/keys", Ct);
        Assert.Single(keys.EnumerateArray(), k => k.GetProperty("name").GetString() == "retried");
        using var redis = fixture.Redis.Connect();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        await foreach (var stored in server.KeysAsync(pattern: "oc:idem:*"))
        {
            Assert.DoesNotContain(a.GetProperty("key").GetString()!, (await redis.GetDatabase().StringGetAsync(stored)).ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData(300)]
    public async Task BadKey_Is400Problem(object key)
    {
        var text = key as string ?? new string('k', (int)key);
        var (tenantId, admin) = await steps.NewTenantAsync("admin");
        using var client = fixture.NewApiClient(admin);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{tenantId}/keys")
        {
            Content = JsonContent.Create(new { name = "x", scopes = new[] { "read" } }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", text);
        using var response = await client.SendAsync(request, Ct);
        await AgencySteps.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var keys = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenantId}/keys", Ct);
        Assert.Single(keys.EnumerateArray());
    }

    /// <summary>Posts JSON with an <c>Idempotency-Key</c>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string key)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }
}
