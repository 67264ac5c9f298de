using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator;
using OpenClaw.TikTokShop.Simulator.Clock;

namespace OpenClaw.Bench.Sync;

/// <summary>The TikTok simulator in this process on a free loopback port, with its answers counted.</summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    public const string AppKey = "openclaw-demo-app";
    public const string AppSecret = "openclaw-demo-secret";
    public const string ServiceId = "7000000000000000001";

    private readonly WebApplication app;

    private SimulatorHost(WebApplication app, string url, SimulatorTraffic traffic)
    {
        this.app = app;
        Url = url;
        Traffic = traffic;
        Clock = app.Services.GetRequiredService<SimulatedClock>();
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(120) };
    }

    public string Url { get; }

    public SimulatorTraffic Traffic { get; }

    public SimulatedClock Clock { get; }

    public HttpClient Http { get; }

    /// <summary>Starts the simulator with <c>Simulator:</c> settings given as <c>Key=Value</c>.</summary>
    public static async Task<SimulatorHost> StartAsync(IEnumerable<string> settings)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var traffic = new SimulatorTraffic();
        var args = new List<string> { "--urls", url, "--Logging:LogLevel:Default=Warning" };
        args.AddRange(settings.Select(s => "--Simulator:" + s));
        var app = SimulatorApp.Create([.. args], services => services.AddSingleton<IStartupFilter>(traffic));
        await app.StartAsync();
        return new SimulatorHost(app, url, traffic);
    }

    /// <summary>
    /// The TikTok app settings of a silo that calls this simulator, keys joined by <paramref name="separator"/>
    /// (<c>:</c> for configuration, <c>__</c> for environment variables).
    /// </summary>
    public Dictionary<string, string> TikTokSettings(string separator) => new()
    {
        [$"TikTokShop{separator}AppKey"] = AppKey,
        [$"TikTokShop{separator}AppSecret"] = AppSecret,
        [$"TikTokShop{separator}ServiceId"] = ServiceId,
        [$"TikTokShop{separator}ApiBaseUrl"] = Url,
        [$"TikTokShop{separator}AuthBaseUrl"] = Url,
        [$"TikTokShop{separator}AuthorizeBaseUrl"] = Url,
    };

    public async Task<IReadOnlyList<string>> ShopIdsAsync()
    {
        var shops = await Http.GetFromJsonAsync<JsonElement>("/_sim/shops");
        return [.. shops.EnumerateArray().Select(s => s.GetProperty("shop_id").GetString()!)];
    }

    public async Task<SimulatorQuota> QuotaAsync()
    {
        var quota = await Http.GetFromJsonAsync<JsonElement>("/_sim/quota");
        return new SimulatorQuota(quota.GetProperty("daily_quota").GetInt64(), quota.GetProperty("used").GetInt64(),
            quota.GetProperty("day").GetString()!, quota.GetProperty("paused_until").ValueKind == JsonValueKind.Number);
    }

    /// <summary>Moves the simulated clock forward (whole seconds).</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/clock/advance", new { seconds = (long)by.TotalSeconds });
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>The simulator's <c>GET /_sim/quota</c>.</summary>
internal sealed record SimulatorQuota(long DailyQuota, long Used, string Day, bool Paused);
