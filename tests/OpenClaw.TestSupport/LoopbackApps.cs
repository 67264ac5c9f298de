using Microsoft.AspNetCore.Builder;

namespace OpenClaw.TestSupport;

/// <summary>
/// In-process hosts a fixture starts on loopback (simulator, silo, API, dashboard), stopped in reverse order so
/// clients go before the silo they call and the silo before the simulator.
/// </summary>
public sealed class LoopbackApps : IAsyncDisposable
{
    private readonly List<WebApplication> apps = [];

    /// <summary>Starts <paramref name="app"/> and keeps it for disposal.</summary>
    public async Task StartAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        apps.Add(app);
        await app.StartAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops <paramref name="app"/> gracefully (a silo drains and leaves membership) and disposes it, before the others:
    /// what a scale-in or a rolling upgrade does to one replica. Disposing also ends its meters.
    /// </summary>
    public async Task StopAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (apps.Remove(app))
        {
            await StopAndDisposeAsync(app).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var app in Enumerable.Reverse(apps))
        {
            await StopAndDisposeAsync(app).ConfigureAwait(false);
        }

        apps.Clear();
    }

    private static async Task StopAndDisposeAsync(WebApplication app)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Abandoned; the process ends with the test run.
        }

        await app.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The configuration Aspire injects into the silo and its Orleans clients, as command-line arguments for tests.</summary>
public static class LoopbackClusterArguments
{
    /// <summary>Arguments every Orleans host and client shares: Redis clustering and the TikTok app pointed at the simulator.</summary>
    public static string[] Shared(string redisConnectionString, string clusterId, string serviceId, string simulatorUrl) =>
    [
        "--Logging:LogLevel:Default=Warning", $"--ConnectionStrings:redis={redisConnectionString}",
        $"--Orleans:ClusterId={clusterId}", $"--Orleans:ServiceId={serviceId}",
        "--Orleans:Clustering:ProviderType=Redis", "--Orleans:Clustering:ServiceKey=redis",
        "--TikTokShop:AppKey=openclaw-demo-app", "--TikTokShop:AppSecret=openclaw-demo-secret", "--TikTokShop:ServiceId=7000000000000000001",
        $"--TikTokShop:ApiBaseUrl={simulatorUrl}", $"--TikTokShop:AuthBaseUrl={simulatorUrl}", $"--TikTokShop:AuthorizeBaseUrl={simulatorUrl}",
    ];

    /// <summary>The silo's own arguments on free ports: storage and reminders in Redis, a generous quota.</summary>
    public static string[] Silo(string serviceId) =>
    [
        "--urls", $"http://127.0.0.1:{FreePort.Next()}",
        "--Orleans:GrainStorage:Default:ProviderType=Redis", "--Orleans:GrainStorage:Default:ServiceKey=redis",
        "--Orleans:Reminders:ProviderType=Redis", "--Orleans:Reminders:ServiceKey=redis",
        $"--Orleans:Endpoints:SiloPort={FreePort.Next()}", $"--Orleans:Endpoints:GatewayPort={FreePort.Next()}",
        "--Orleans:Endpoints:AdvertisedIPAddress=127.0.0.1", $"--RateBudget:AppKey={serviceId}", "--RateBudget:DailyQuota=100000000",
    ];
}
