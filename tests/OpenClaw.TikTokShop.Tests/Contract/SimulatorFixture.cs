using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Resilience;
using OpenClaw.TikTokShop.Simulator;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Contract;

/// <summary>One in-process simulator (real Kestrel on loopback) shared by the contract tests.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string AppKey = "openclaw-demo-app";
    public const string AppSecret = "openclaw-demo-secret";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private string[] _extraArgs = [];
    private WebApplication? _app;

    /// <summary>A private simulator with extra settings (e.g. short token lifetimes), for tests that move its clock.</summary>
    public static SimulatorFixture WithSettings(params string[] extraArgs) => new() { _extraArgs = extraArgs };

    public Uri BaseUrl { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var port = FreePort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        _app = SimulatorApp.Create(
        [
            "--urls", BaseUrl.ToString().TrimEnd('/'),
            "--Simulator:ShopCount=4",
            "--Simulator:Seed=7",
            "--Simulator:HistoryDays=20",
            "--Simulator:OrdersPerShopPerDay=20",
            "--Logging:LogLevel:Default=Warning",
            .. _extraArgs,
        ]);
        await _app.StartAsync();
        Admin = new HttpClient { BaseAddress = BaseUrl };
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public TikTokShopOptions Options(Action<TikTokShopOptions>? configure = null) =>
        TestClients.Options(BaseUrl, options =>
        {
            // The simulator's own app credentials, and a little more room between retries than the stubs need.
            options.AppKey = AppKey;
            options.AppSecret = AppSecret;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(options);
        });

    public TikTokShopClient Client(Action<TikTokShopOptions>? configure = null, IRateBudget? budget = null) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, Options(configure), budget);

    /// <summary>
    /// The auth client judges token expiries against its clock (contract §3), and the simulator issues them in
    /// simulated time (ClockStart, moved by /_sim/clock): its "now" follows the simulated clock. Auth calls are
    /// unsigned, so the simulator's real-time timestamp window does not apply.
    /// </summary>
    public TikTokShopAuthClient Auth() =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, Options(), timeProvider: new FollowingClock(() => Clock.Now));

    private SimulatedClock Clock => _app!.Services.GetRequiredService<SimulatedClock>();

    /// <summary>The simulator's UTC date: its clock starts at <c>Simulator:ClockStart</c> (2026-11-01), not at the real date.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.Now.UtcDateTime);

    public async Task<JsonArray> ShopsAsync() =>
        (await Admin.GetFromJsonAsync<JsonArray>("/_sim/shops"))!;

    /// <summary>Authorizes shop number <paramref name="index"/> like a seller would and returns its access and tokens.</summary>
    public async Task<(ShopAccess Access, TokenGrant Grant)> ConnectAsync(int index)
    {
        var shop = (await ShopsAsync())[index]!;
        var shopId = shop["shop_id"]!.GetValue<string>();
        var code = await PostAsync("/_sim/auth/code", new { shop_id = shopId });
        var grant = (await Auth().ExchangeCodeAsync(code["code"]!.GetValue<string>())).GetValueOrThrow();
        return (new ShopAccess(shopId, shop["cipher"]!.GetValue<string>(), grant.AccessToken), grant);
    }

    public async Task<JsonObject> PostAsync(string path, object body)
    {
        using var response = await Admin.PostAsJsonAsync(path, body, Json);
        response.EnsureSuccessStatusCode();
        return response.Content.Headers.ContentLength == 0 ? [] : (await response.Content.ReadFromJsonAsync<JsonObject>()) ?? [];
    }

    public async Task PutAsync(string path, object body)
    {
        using var response = await Admin.PutAsJsonAsync(path, body, Json);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Adds a fault rule (snake_case object) and returns its id.</summary>
    public async Task<string> FaultAsync(object rule) => (await PostAsync("/_sim/faults", rule))["id"]!.GetValue<string>();

    public async Task ClearFaultsAsync()
    {
        using var response = await Admin.DeleteAsync("/_sim/faults");
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonArray> FaultsAsync() => (await Admin.GetFromJsonAsync<JsonArray>("/_sim/faults"))!;
}

/// <summary>Contract tests share one simulator and its global fault/rate-limit state: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimulatorGroup : ICollectionFixture<SimulatorFixture>
{
    public const string Name = "simulator";
}
