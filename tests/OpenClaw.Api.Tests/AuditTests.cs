using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>Every change lands once in the tenant's audit log, with who, what and when; only the tenant's admin keys read it.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class AuditTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryChange_AppearsOnceWithWhoWhatWhen_OnlyForThisTenant()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var tenantId = "audit-" + Guid.NewGuid().ToString("N")[..10];
        using var platform = fixture.NewApiClient(ApiFixture.BootstrapKey);
        (await platform.PostAsJsonAsync("/api/v1/tenants", new { tenant_id = tenantId, name = "审计代理" }, Ct)).EnsureSuccessStatusCode();
        var (adminKeyId, adminKey) = await IssueAsync(platform, tenantId, "admin");
        using var admin = fixture.NewApiClient(adminKey);
        var (spareKeyId, spareKey) = await IssueAsync(admin, tenantId, "read");
        (await admin.DeleteAsync($"/api/v1/tenants/{tenantId}/keys/{spareKeyId}", Ct)).EnsureSuccessStatusCode();

        var oauthShop = fixture.ClaimShop();
        await steps.OnboardAsync(adminKey, oauthShop);
        var tokenShop = fixture.ClaimShop();
        (await admin.PostAsJsonAsync("/api/v1/shops", await steps.RegistrationBodyAsync(tokenShop), Ct)).EnsureSuccessStatusCode();
        var (_, etag) = await steps.ShopAsync(adminKey, oauthShop);
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/shops/{oauthShop}") { Content = JsonContent.Create(new { tags = new[] { "审计" } }) })
        {
            patch.Headers.TryAddWithoutValidation("If-Match", etag);
            (await admin.SendAsync(patch, Ct)).EnsureSuccessStatusCode();
        }

        (await admin.PostAsJsonAsync($"/api/v1/shops/{oauthShop}/sync", new { domains = new[] { "orders" } }, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/shops/{oauthShop}/backfill", new { from = DateTimeOffset.UtcNow.AddDays(-2) }, Ct)).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/v1/shops/{tokenShop}", Ct)).EnsureSuccessStatusCode();

        var entries = await ReadAllAsync(admin, "limit=3");
        var text = string.Join('\n', entries.Select(e => e.GetRawText()));
        Assert.DoesNotContain(adminKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(spareKey, text, StringComparison.Ordinal);
        Assert.Equal(entries.Count, entries.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        (string Action, string Target, string? KeyId)[] expected =
        [
            ("tenant.created", tenantId, "bootstrap"), ("key.created", adminKeyId, "bootstrap"), ("key.created", spareKeyId, adminKeyId),
            ("key.revoked", spareKeyId, adminKeyId), ("shop.connected", oauthShop, null), ("shop.registered", tokenShop, adminKeyId),
            ("shop.settings_updated", oauthShop, adminKeyId), ("shop.sync_requested", oauthShop, adminKeyId),
            ("shop.backfill_requested", oauthShop, adminKeyId), ("shop.disconnected", tokenShop, adminKeyId),
        ];
        Assert.Equal(expected.Length, entries.Count);
        foreach (var (action, target, keyId) in expected)
        {
            var entry = Assert.Single(entries, e => e.GetProperty("action").GetString() == action && e.GetProperty("target").GetString() == target);
            Assert.Equal(tenantId, entry.GetProperty("tenant_id").GetString());
            Assert.Equal(keyId, entry.GetProperty("key_id").GetString());
            Assert.InRange(entry.GetProperty("at").GetDateTimeOffset(), started, DateTimeOffset.UtcNow.AddSeconds(1));
        }

        var settings = Assert.Single(entries, e => e.GetProperty("action").GetString() == "shop.settings_updated");
        Assert.Equal("审计", settings.GetProperty("changes").GetProperty("tags")[0].GetString());
        Assert.False(settings.GetProperty("changes").TryGetProperty("time_zone", out _));

        var keyEvents = await ReadAllAsync(admin, "action=key.created");
        Assert.Equal(2, keyEvents.Count);

        var (_, otherAdmin) = await steps.NewTenantAsync("admin");
        using var other = fixture.NewApiClient(otherAdmin);
        var theirs = await ReadAllAsync(other, "");
        Assert.DoesNotContain(theirs, e => e.GetProperty("tenant_id").GetString() == tenantId);
        using var writer = fixture.NewApiClient(await AgencySteps.IssueKeyAsync(admin, tenantId, ["write"]));
        using var forbidden = await writer.GetAsync("/api/v1/audit", Ct);
        await AgencySteps.AssertProblemAsync(forbidden, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("to=2026-12-01T00:00:00")]
    [InlineData("action=shop.exploded")]
    [InlineData("limit=0")]
    [InlineData("cursor=bm9wZQ")]
    public async Task Read_BadQuery_Is400Problem(string query)
    {
        var (_, admin) = await steps.NewTenantAsync("admin");
        using var client = fixture.NewApiClient(admin);
        using var response = await client.GetAsync("/api/v1/audit?" + query, Ct);
        await AgencySteps.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private static async Task<(string KeyId, string Key)> IssueAsync(HttpClient client, string tenantId, string scope)
    {
        using var issued = await client.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/keys", new { name = "audit " + scope, scopes = new[] { scope } }, Ct);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("key_id").GetString()!, body.GetProperty("key").GetString()!);
    }

    // Follows next_cursor to the end.
    private static async Task<List<JsonElement>> ReadAllAsync(HttpClient client, string query)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?{query}" + (cursor is null ? "" : "&cursor=" + cursor), Ct);
            all.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        return all;
    }
}
