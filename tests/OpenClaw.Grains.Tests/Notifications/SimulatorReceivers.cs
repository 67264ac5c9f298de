using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Grains.Tests.Alerts;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator;

namespace OpenClaw.Grains.Tests.Notifications;

/// <summary>
/// The simulator in this process (one small shop, its clock frozen) for its chat receivers and SMTP sink, reading
/// the given fake clock as the real time: the signing receivers check timestamps against the same fake clock the
/// senders sign with, so a test can move hours of retries forward without the ±300 s window refusing them.
/// </summary>
internal sealed class SimulatorReceivers : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorReceivers(WebApplication app, string url)
    {
        _app = app;
        BaseUrl = new Uri(url + "/");
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public static async Task<SimulatorReceivers> StartAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        string[] args =
        [
            "--urls", url, "--Logging:LogLevel:Default=Warning",
            "--Simulator:ShopCount=1", "--Simulator:HistoryDays=1", "--Simulator:OrdersPerShopPerDay=1", "--Simulator:ClockSpeed=0",
        ];
        var app = SimulatorApp.Create(args, services => services.AddSingleton(time));
        await app.StartAsync(cancellationToken);
        return new SimulatorReceivers(app, url);
    }

    /// <summary>Host and port of the SMTP sink (<c>GET /_sim/chat/email/smtp</c>).</summary>
    public async Task<(string Host, int Port)> SmtpAsync(CancellationToken cancellationToken)
    {
        var smtp = await Http.GetFromJsonAsync<JsonElement>("_sim/chat/email/smtp", cancellationToken);
        return (smtp.GetProperty("host").GetString()!, smtp.GetProperty("port").GetInt32());
    }

    /// <summary>Makes the next <paramref name="count"/> requests of <paramref name="kind"/> fail (<c>POST /_sim/chat/{kind}/fail</c>); 0 ends it.</summary>
    public async Task FailAsync(string kind, string mode, int count, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync($"_sim/chat/{kind}/fail", new { mode, count, retry_after_seconds = 1 }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>What the receiver of <paramref name="kind"/> accepted and counted.</summary>
    public async Task<ChatInbox> InboxAsync(string kind, CancellationToken cancellationToken) =>
        ChatInbox.Parse(await Http.GetFromJsonAsync<JsonElement>($"_sim/chat/{kind}/messages", cancellationToken));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
