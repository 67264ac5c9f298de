using System.Net;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class TokenFlowTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;
    private ShopInfo _shop = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await SimulatorHost.StartAsync("AccessTokenLifetimeSeconds=3600", "RefreshTokenLifetimeSeconds=86400", "RedirectUrl=http://127.0.0.1:9/cb");
        _shop = (await _host.ShopsAsync())[0];
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Token_get_returns_absolute_expiry_times_in_simulated_seconds()
    {
        var now = await _host.NowAsync();
        var response = await GetTokenAsync(await _host.AuthCodeAsync(_shop.Id));
        Assert.Equal(0, response.Code);
        Assert.Equal(now + 3600, response.Data.GetProperty("access_token_expire_in").GetInt64());
        Assert.Equal(now + 86400, response.Data.GetProperty("refresh_token_expire_in").GetInt64());
        Assert.Contains("seller.order.info", response.Data.GetProperty("granted_scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task The_admin_surface_lists_every_token_issued_for_a_security_sweep()
    {
        var first = await _host.ConnectAsync();
        var second = await _host.ConnectAsync(1);

        var listed = (await _host.AdminAsync(HttpMethod.Get, "/_sim/auth/tokens")).GetProperty("tokens").EnumerateArray().Select(t => t.GetString()).ToList();

        Assert.Superset(new HashSet<string?> { first.AccessToken, first.RefreshToken, second.AccessToken, second.RefreshToken }, listed.ToHashSet());
    }

    [Fact]
    public async Task An_auth_code_works_once()
    {
        var code = await _host.AuthCodeAsync(_shop.Id);
        Assert.Equal(0, (await GetTokenAsync(code)).Code);
        Assert.Equal(36004004, (await GetTokenAsync(code)).Code);
    }

    [Fact]
    public async Task An_auth_code_expires_after_thirty_simulated_minutes()
    {
        var code = await _host.AuthCodeAsync(_shop.Id);
        await _host.AdvanceAsync(31 * 60);
        Assert.Equal(36004004, (await GetTokenAsync(code)).Code);
    }

    [Fact]
    public async Task The_grant_type_must_be_spelled_authorized_code()
    {
        var response = await GetTokenAsync(await _host.AuthCodeAsync(_shop.Id), "authorization_code");
        Assert.Equal(36009004, response.Code);
        Assert.Contains("grant_type", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_access_token_answers_105002_and_a_refresh_restores_access()
    {
        var session = await _host.ConnectAsync();
        await _host.AdminAsync(HttpMethod.Post, "/_sim/auth/expire", new { shop_id = session.Shop.Id });
        var expired = await session.GetAsync("/logistics/202309/warehouses");
        Assert.Equal((401, 105002), ((int)expired.Status, expired.Code));

        var refreshed = await RefreshAsync(session.RefreshToken);
        Assert.Equal(0, refreshed.Code);
        var fresh = session with { AccessToken = refreshed.Data.GetProperty("access_token").GetString()! };
        Assert.Equal(0, (await fresh.GetAsync("/logistics/202309/warehouses")).Code);
    }

    [Fact]
    public async Task Access_tokens_expire_with_simulated_time()
    {
        var session = await _host.ConnectAsync();
        await _host.AdvanceAsync(3601);
        Assert.Equal(105002, (await session.GetAsync("/logistics/202309/warehouses")).Code);
    }

    [Fact]
    public async Task A_revoked_authorization_rejects_the_access_token_and_the_refresh_token()
    {
        var session = await _host.ConnectAsync();
        await _host.AdminAsync(HttpMethod.Post, "/_sim/auth/revoke", new { shop_id = session.Shop.Id });
        var call = await session.GetAsync("/logistics/202309/warehouses");
        Assert.Equal((401, 101000), ((int)call.Status, call.Code));
        Assert.Equal(36004005, (await RefreshAsync(session.RefreshToken)).Code);
    }

    [Fact]
    public async Task An_expired_refresh_token_answers_36004001()
    {
        var session = await _host.ConnectAsync();
        await _host.AdvanceAsync(86_401);
        Assert.Equal(36004001, (await RefreshAsync(session.RefreshToken)).Code);
    }

    [Fact]
    public async Task The_consent_page_redirects_with_a_code_that_can_be_exchanged_or_with_auth_denied()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(_host.BaseUrl) };
        var page = await browser.GetStringAsync("/open/authorize?service_id=7000000000000000001&state=xyz", TestContext.Current.CancellationToken);
        Assert.Contains(_shop.Id, page, StringComparison.Ordinal);

        using var approve = await browser.PostAsync("/open/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["service_id"] = "7000000000000000001", ["state"] = "xyz", ["shop_id"] = _shop.Id, ["decision"] = "approve",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        var location = approve.Headers.Location!.ToString();
        Assert.StartsWith("http://127.0.0.1:9/cb?code=", location, StringComparison.Ordinal);
        Assert.EndsWith("&state=xyz", location, StringComparison.Ordinal);
        var code = Uri.UnescapeDataString(location.Split("code=")[1].Split('&')[0]);
        Assert.Equal(0, (await GetTokenAsync(code)).Code);

        using var deny = await browser.PostAsync("/open/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["service_id"] = "7000000000000000001", ["state"] = "xyz", ["decision"] = "deny",
        }), TestContext.Current.CancellationToken);
        Assert.Equal("http://127.0.0.1:9/cb?code=null&error=auth_denied&state=xyz", deny.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Authorized_shops_list_the_shop_and_its_cipher()
    {
        var session = await _host.ConnectAsync();
        var response = await _host.CallAsync(HttpMethod.Get, "/authorization/202309/shops", null, null, session.AccessToken);
        var shop = Assert.Single(response.Data.GetProperty("shops").EnumerateArray());
        Assert.Equal(session.Shop.Cipher, shop.GetProperty("cipher").GetString());
        Assert.Equal(0, (await _host.CallAsync(HttpMethod.Get, "/seller/202309/permissions", null, null, session.AccessToken)).Code);
    }

    private Task<ApiResponse> GetTokenAsync(string code, string grantType = "authorized_code") =>
        _host.TokenAsync("/api/v2/token/get", new Dictionary<string, string>
        {
            ["app_key"] = SimulatorHost.AppKey, ["app_secret"] = SimulatorHost.AppSecret, ["auth_code"] = code, ["grant_type"] = grantType,
        });

    private Task<ApiResponse> RefreshAsync(string refreshToken) =>
        _host.TokenAsync("/api/v2/token/refresh", new Dictionary<string, string>
        {
            ["app_key"] = SimulatorHost.AppKey, ["app_secret"] = SimulatorHost.AppSecret, ["refresh_token"] = refreshToken, ["grant_type"] = "refresh_token",
        });
}
