using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator;
using OpenClaw.TikTokShop.Simulator.Auth;
using OpenClaw.TikTokShop.Simulator.Clock;

namespace OpenClaw.Silo.Tests;

/// <summary>
/// The TikTok simulator inside the test process on a free loopback port, its clock frozen at the real time it started
/// (truncated to whole seconds), with a <see cref="SimulatorRequestLog"/> in front of its pipeline. Silo processes reach
/// it over HTTP like the real TikTok API.
/// </summary>
internal sealed class InProcessSimulator : IAsyncDisposable
{
    private readonly WebApplication app;

    private InProcessSimulator(WebApplication app, string url, SimulatorRequestLog requests)
    {
        this.app = app;
        Url = url;
        Requests = requests;
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        Clock = app.Services.GetRequiredService<SimulatedClock>();
    }

    /// <summary>Base URL (API, auth service and <c>/_sim</c> on one port).</summary>
    public string Url { get; }

    /// <summary>What reached the simulator.</summary>
    public SimulatorRequestLog Requests { get; }

    /// <summary>Admin and truth calls.</summary>
    public HttpClient Http { get; }

    /// <summary>The simulated clock (frozen).</summary>
    public SimulatedClock Clock { get; }

    /// <summary>Every access and refresh token the simulator issued (for the security sweep).</summary>
    public IReadOnlyList<string> IssuedTokens => app.Services.GetRequiredService<AuthorizationStore>().IssuedTokens;

    /// <summary>
    /// Starts a simulator with <paramref name="shopCount"/> shops and <paramref name="historyDays"/> days of history
    /// generated from <paramref name="seed"/>; <paramref name="settings"/> are further <c>Simulator:</c> settings
    /// (<c>Key=value</c>, e.g. an app secret of the run's own).
    /// </summary>
    public static async Task<InProcessSimulator> StartAsync(int seed, int shopCount, CancellationToken cancellationToken,
        int historyDays = 30, params IEnumerable<string> settings)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        string[] all =
        [
            .. settings, $"Seed={seed}", $"ShopCount={shopCount}", $"HistoryDays={historyDays}", "OrdersPerShopPerDay=20", "ProductsPerShop=30", "ClockSpeed=0",
            "ClockStart=" + start.ToString("O", CultureInfo.InvariantCulture),
        ];
        string[] args = ["--urls", url, "--Logging:LogLevel:Default=Warning", .. all.Select(s => "--Simulator:" + s)];
        var requests = new SimulatorRequestLog();
        var app = SimulatorApp.Create(args, services => services.AddSingleton<IStartupFilter>(requests));
        await app.StartAsync(cancellationToken);
        return new InProcessSimulator(app, url, requests);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Http.Dispose();
    }
}
