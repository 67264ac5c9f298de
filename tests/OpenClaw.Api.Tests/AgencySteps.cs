namespace OpenClaw.Api.Tests;

/// <summary>What an agency does through the API, as test steps (real HTTP against <see cref="ApiFixture"/>).</summary>
public sealed class AgencySteps(ApiFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a fresh tenant with the bootstrap key and returns its id and an API key with <paramref name="scopes"/>.</summary>
    public async Task<(string TenantId, string Key)> NewTenantAsync(params string[] scopes)
    {
        var tenantId = "t-" + Guid.NewGuid().ToString("N")[..10];
        using var admin = fixture.NewApiClient(ApiFixture.BootstrapKey);
        using var created = await admin.PostAsJsonAsync("/api/v1/tenants", new { tenant_id = tenantId, name = "代理商 " + tenantId }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (tenantId, await IssueKeyAsync(admin, tenantId, scopes.Length == 0 ? ["admin"] : scopes));
    }

    /// <summary>Issues a key through <paramref name="client"/>; returns the key text.</summary>
    public static async Task<string> IssueKeyAsync(HttpClient client, string tenantId, string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var issued = await client.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/keys", new { name = "tests", scopes }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }

    /// <summary>The consent URL for the tenant of <paramref name="key"/>.</summary>
    public async Task<Uri> ConsentUrlAsync(string key)
    {
        using var client = fixture.NewApiClient(key);
        var link = await client.GetFromJsonAsync<JsonElement>("/api/v1/shops/authorize", Ct);
        return new Uri(link.GetProperty("consent_url").GetString()!);
    }

    /// <summary>
    /// The seller's side: opens the consent page, then approves (or refuses) for <paramref name="shopId"/>; returns
    /// where TikTok sends the seller back (the API's callback with code and state).
    /// </summary>
    public async Task<Uri> SellerAnswersAsync(Uri consentUrl, string shopId, bool approve = true)
    {
        ArgumentNullException.ThrowIfNull(consentUrl);
        using var simulator = fixture.NewSimulatorClient();
        using var page = await simulator.GetAsync(consentUrl.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(consentUrl.Query);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["service_id"] = query["service_id"]!, ["state"] = query["state"]!, ["shop_id"] = shopId, ["decision"] = approve ? "approve" : "deny",
        });
        using var answer = await simulator.PostAsync("/open/authorize", form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.Location!;
    }

    /// <summary>Follows TikTok's redirect to the API's callback (as the seller's browser does).</summary>
    public async Task<HttpResponseMessage> CallbackAsync(Uri callback)
    {
        using var browser = fixture.NewApiClient();
        return await browser.GetAsync(callback, Ct);
    }

    /// <summary>Onboards <paramref name="shopId"/> for the tenant of <paramref name="key"/> end to end; fails unless it connects.</summary>
    public async Task OnboardAsync(string key, string shopId)
    {
        using var response = await CallbackAsync(await SellerAnswersAsync(await ConsentUrlAsync(key), shopId));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>
    /// Tokens TikTok issued for <paramref name="shopId"/> (an auth code exchanged at the simulator's token service), as the
    /// register-by-tokens body and CSV columns take them: access token, its expiry, refresh token, its expiry (ISO 8601).
    /// </summary>
    public async Task<(string AccessToken, string AccessExpiresAt, string RefreshToken, string RefreshExpiresAt)> IssuedTokensAsync(string shopId)
    {
        using var simulator = fixture.NewSimulatorClient();
        var code = await OpenClaw.TestSupport.SimulatorAdmin.AuthCodeAsync(simulator, shopId, Ct);
        var token = await simulator.GetFromJsonAsync<JsonElement>(
            $"/api/v2/token/get?app_key=openclaw-demo-app&app_secret=openclaw-demo-secret&auth_code={Uri.EscapeDataString(code)}&grant_type=authorized_code", Ct);
        var data = token.GetProperty("data");
        static string Iso(JsonElement seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds.GetInt64()).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return (data.GetProperty("access_token").GetString()!, Iso(data.GetProperty("access_token_expire_in")),
            data.GetProperty("refresh_token").GetString()!, Iso(data.GetProperty("refresh_token_expire_in")));
    }

    /// <summary>The register-by-tokens body for <paramref name="shopId"/>'s freshly issued tokens.</summary>
    public async Task<object> RegistrationBodyAsync(string shopId)
    {
        var (access, accessExpires, refresh, refreshExpires) = await IssuedTokensAsync(shopId);
        return new { access_token = access, access_token_expires_at = accessExpires, refresh_token = refresh, refresh_token_expires_at = refreshExpires };
    }

    /// <summary>Reads a shop's detail and its ETag.</summary>
    public async Task<(JsonElement Shop, string ETag)> ShopAsync(string key, string shopId)
    {
        using var client = fixture.NewApiClient(key);
        using var response = await client.GetAsync($"/api/v1/shops/{shopId}", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct), response.Headers.ETag!.ToString());
    }

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/>; returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
