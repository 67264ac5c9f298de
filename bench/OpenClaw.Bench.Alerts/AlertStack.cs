using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Api;
using OpenClaw.Api.Webhooks;
using OpenClaw.Bench.Sync;
using OpenClaw.Grains.Notifications;
using OpenClaw.Silo.Extensions;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Alerts;

/// <summary>
/// The silo and the API the webhooks go through. Without load the silo is hosted in the bench's process beside the API
/// and the simulator (<c>AddSilo</c>, the set-up of the first runs in docs/benchmarks.md). With a scale load it is the
/// real silo program in its own process (<c>src/OpenClaw.Silo</c>, Release, configured by environment as Aspire does),
/// as the sync bench's <c>scale</c> runs it: on 2 cores one process hosting 10,000 syncing shops, their simulator and
/// the API starves its own thread pool, which says nothing about the product.
/// </summary>
internal sealed class AlertStack : IAsyncDisposable
{
    private readonly SiloCluster? cluster;
    private readonly OrleansClient? client;

    private readonly WebhookInbox inbox;

    private AlertStack(WebApplication api, IGrainFactory grains, SiloCluster? cluster, OrleansClient? client)
    {
        Grains = grains;
        Channels = api.Services.GetRequiredService<INotificationChannelStore>();
        inbox = api.Services.GetRequiredService<WebhookInbox>();
        this.cluster = cluster;
        this.client = client;
    }

    /// <summary>Grain factory of the silo (in process) or of a client joined to it (separate process).</summary>
    public IGrainFactory Grains { get; }

    /// <summary>The tenant's chat channels in Redis.</summary>
    public INotificationChannelStore Channels { get; }

    /// <summary>Process ids of the separate silo (with its children), or none when the silo runs in this process.</summary>
    public IReadOnlyList<int> SiloProcessIds => cluster?.Silos is [var silo, ..] ? ProcessStats.Tree(silo.ProcessId) : [];

    /// <summary>Starts the silo (in its own process when <paramref name="siloProcess"/>) and the API at <paramref name="apiUrl"/>.</summary>
    /// <param name="apps">Keeps the in-process hosts (silo without load, API) for disposal.</param>
    /// <param name="siloProcess">Whether the silo runs as its own process.</param>
    /// <param name="redisConnectionString">The store every part uses.</param>
    /// <param name="serviceId">The bench run's id: the rate budget's app key.</param>
    /// <param name="simulatorUrl">Base address of the simulator (TikTok's API and auth).</param>
    /// <param name="apiUrl">Loopback address the API listens on.</param>
    /// <param name="siloArguments">Settings of the silo beyond the cluster's (<c>--Section:Key=value</c>).</param>
    /// <param name="apiArguments">Settings of the API beyond the cluster's.</param>
    /// <param name="siloEnvironment">With <paramref name="siloProcess"/>: more environment for the silo process (<c>--silo-env</c>).</param>
    public static async Task<AlertStack> StartAsync(LoopbackApps apps, bool siloProcess, string redisConnectionString, string serviceId,
        string simulatorUrl, string apiUrl, string[] siloArguments, string[] apiArguments, IEnumerable<KeyValuePair<string, string>> siloEnvironment)
    {
        if (!siloProcess)
        {
            var shared = LoopbackClusterArguments.Shared(redisConnectionString, "bench-alerts", serviceId, simulatorUrl);
            var builder = WebApplication.CreateBuilder([.. shared, .. LoopbackClusterArguments.Silo(serviceId), .. siloArguments]);
            builder.AddServiceDefaults();
            builder.AddSilo();
            var silo = builder.Build();
            silo.MapDefaultEndpoints();
            await apps.StartAsync(silo);
            var inlineApi = await StartApiAsync(apps, [.. shared, .. apiArguments], apiUrl);
            return new AlertStack(inlineApi, silo.Services.GetRequiredService<IGrainFactory>(), null, null);
        }

        // The cluster sets its own ids and providers; the rest goes into the silo's environment, "--A:B=c" as A__B=c.
        var environment = LoopbackClusterArguments.Shared(redisConnectionString, "-", "-", simulatorUrl)
            .Where(a => !a.StartsWith("--Orleans:", StringComparison.Ordinal))
            .Concat([$"--RateBudget:AppKey={serviceId}", "--RateBudget:DailyQuota=100000000", "--Logging:LogLevel:OpenClaw=Warning", .. siloArguments])
            .Select(a => a[2..].Split('=', 2))
            .ToDictionary(kv => kv[0].Replace(":", "__", StringComparison.Ordinal), kv => kv[1]);
        foreach (var (name, value) in siloEnvironment)
        {
            environment[name] = value;
        }

        var cluster = new SiloCluster(redisConnectionString, environment);
        var clusterArguments = LoopbackClusterArguments.Shared(redisConnectionString, cluster.ClusterId, cluster.ServiceId, simulatorUrl);
        var process = await cluster.StartSiloAsync();
        Console.WriteLine($"silo process {process.ProcessId} healthy: {SiloProcess.AssemblyPath}");
        var client = await cluster.ConnectClientAsync(TimeSpan.FromSeconds(60));
        var api = await StartApiAsync(apps, [.. clusterArguments, .. apiArguments], apiUrl);
        return new AlertStack(api, client.Client, cluster, client);
    }

    /// <summary>Events in the API's webhook inbox, waiting or being handed off to their shop grains.</summary>
    public Task<long> InboxDepthAsync() => inbox.DepthAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (client is not null)
        {
            await client.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task<WebApplication> StartApiAsync(LoopbackApps apps, string[] arguments, string apiUrl)
    {
        var api = ApiApp.Create([.. arguments, "--urls", apiUrl, "--Api:BootstrapAdminKey=bench-bootstrap-admin-key-0123456789abcdef"]);
        await apps.StartAsync(api);
        return api;
    }
}
