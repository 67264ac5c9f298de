using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Dashboard.Authentication;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using OpenClaw.Api;
using OpenClaw.Silo.Extensions;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator;

namespace OpenClaw.Dashboard.Tests.Browser;

/// <summary>
/// The real product on loopback for the browser and API-contract tests: a throw-away Garnet, the TikTok simulator over
/// HTTP, a real silo that onboards the demo shops (tenant <see cref="TenantId"/>), the API on Kestrel, and the dashboard
/// host talking to the API over HTTP. Always starts (the contract tests need no browser); the browser tests skip and say
/// why when Debian chromium is missing (<see cref="Available"/>).
/// </summary>
public sealed class DashboardStackFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; tests never let Playwright download a browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The demo tenant the silo's seeder uses.</summary>
    public const string TenantId = "demo-agency";

    /// <summary>Demo shops onboarded.</summary>
    public const int ShopCount = 3;

    private const string BootstrapKey = "dashboard-tests-bootstrap-key-0123456789abcdef";
    private readonly LoopbackApps apps = new();

    /// <summary>True when chromium is installed (the browser tests run).</summary>
    public bool Available { get; } = File.Exists(ChromiumPath);

    /// <summary>The dashboard's base URL (<c>localhost</c>: Chromium keeps Secure cookies there over plain HTTP).</summary>
    public string DashboardUrl { get; private set; } = "";

    /// <summary>The API's base URL.</summary>
    public string ApiUrl { get; private set; } = "";

    /// <summary>The simulator's base URL (TikTok and the local chat receivers under <c>/_sim/chat</c>).</summary>
    public string SimulatorUrl { get; private set; } = "";

    /// <summary>A tenant key with the admin scope.</summary>
    public string TenantKey { get; private set; } = "";

    /// <summary>The demo shops' names.</summary>
    public IReadOnlyList<string> ShopNames { get; private set; } = [];

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var redis = await SharedRedis.GetAsync();
        var serviceId = "dash-tests-" + Guid.NewGuid().ToString("N")[..8];
        var apiUrl = ApiUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var simulatorUrl = SimulatorUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await StartAsync(SimulatorApp.Create(
        [
            "--urls", simulatorUrl, "--Logging:LogLevel:Default=Warning", "--Simulator:Seed=1212", $"--Simulator:ShopCount={ShopCount}",
            "--Simulator:HistoryDays=2", "--Simulator:OrdersPerShopPerDay=3", "--Simulator:ProductsPerShop=3",
            "--Simulator:ClockStart=" + start.ToString("O", CultureInfo.InvariantCulture), $"--Simulator:RedirectUrl={apiUrl}/api/v1/oauth/callback",
        ]));

        string[] shared =
        [
            .. LoopbackClusterArguments.Shared(redis.ConnectionString, "dash-tests", serviceId, simulatorUrl),
            // Alert channels may point at the simulator's chat receivers (http, loopback), as in the local demo.
            "--Notifications:AllowPrivateTargets=true", $"--Notifications:KeyPrefix={serviceId}:",
        ];
        var siloBuilder = WebApplication.CreateBuilder(
            [.. shared, .. LoopbackClusterArguments.Silo(serviceId), "--Demo:Enabled=true", $"--Demo:ShopCount={ShopCount}", $"--Demo:TenantId={TenantId}"]);
        siloBuilder.AddServiceDefaults();
        siloBuilder.AddSilo();
        var silo = siloBuilder.Build();
        silo.MapDefaultEndpoints();
        await StartAsync(silo);
        await StartAsync(ApiApp.Create([.. shared, "--urls", apiUrl, $"--Api:BootstrapAdminKey={BootstrapKey}", "--Api:GrainResponseTimeout=00:00:20",
            // These tests are about what the pages and the client show, not the per-key limit (the API tests cover it).
            "--Api:RateLimit:PermitsPerSecond=100000", "--Api:RateLimit:Burst=100000"]));

        TenantKey = await NewTenantKeyAsync(apiUrl);
        ShopNames = await DemoShopNamesAsync(apiUrl);

        DashboardUrl = $"http://localhost:{FreePort.Next()}";
        // Development + the application name: static web assets resolve from the build output, as `dotnet run` does.
        await StartAsync(DashboardApp.Create(["--urls", DashboardUrl, "--applicationName=OpenClaw.Dashboard", "--environment=Development", "--Logging:LogLevel:Default=Warning", $"--Dashboard:ApiBaseUrl={apiUrl}"]));
    }

    private static async Task<string> NewTenantKeyAsync(string apiUrl)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(apiUrl) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", BootstrapKey);
        using var created = await admin.PostAsJsonAsync("/api/v1/tenants", new { tenant_id = TenantId, name = "演示代运营" });
        created.EnsureSuccessStatusCode();
        using var issued = await admin.PostAsJsonAsync($"/api/v1/tenants/{TenantId}/keys", new { name = "browser tests", scopes = new[] { "admin" } });
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    // The silo onboards the demo shops in the background: wait until the API lists all of them.
    private async Task<IReadOnlyList<string>> DemoShopNamesAsync(string apiUrl)
    {
        using var client = new HttpClient { BaseAddress = new Uri(apiUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TenantKey);
        IReadOnlyList<string> names = [];
        await Eventually.TrueAsync(async () =>
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/shops?limit=50");
            names = [.. page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("shop_name").GetString()!)];
            return names.Count == ShopCount;
        }, TimeSpan.FromSeconds(90), () => $"demo shops listed: {names.Count} of {ShopCount}");
        return names;
    }

    /// <summary>The dashboard's own API client signed in with <see cref="TenantKey"/>, outside any page (what tests change "elsewhere").</summary>
    public OpenClawApiClient ApiClient()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(SignedInApiKey.ClaimType, TenantKey)], "cookie"));
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = user } };
        var http = new HttpClient { BaseAddress = new Uri(ApiUrl), Timeout = TimeSpan.FromSeconds(30) };
        return new OpenClawApiClient(http, new SignedInApiKey(accessor), new SessionExpiry(new OutsideAPage()), NullLogger<OpenClawApiClient>.Instance);
    }

    private Task StartAsync(WebApplication app) => apps.StartAsync(app);

    private sealed class OutsideAPage : NavigationManager;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => apps.DisposeAsync();
}

/// <summary>One stack for every test class that needs it (the browser journey and the API-contract tests).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardStackTests : ICollectionFixture<DashboardStackFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "dashboard stack";
}
