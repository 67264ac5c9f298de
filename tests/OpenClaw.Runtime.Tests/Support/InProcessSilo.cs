using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Runtime.Hosting;
using OpenClaw.Runtime.Tests.Grains;
using OpenClaw.Runtime.TestSilo;
using OpenClaw.TestSupport;

namespace OpenClaw.Runtime.Tests.Support;

/// <summary>A silo hosted in the test process (its own web app, DI container and port).</summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private InProcessSilo(WebApplication app, int port)
    {
        App = app;
        Port = port;
    }

    public WebApplication App { get; }

    public int Port { get; }

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    /// <summary>A single-process silo (no clustering); storage in memory unless <paramref name="redis"/> is given.</summary>
    public static Task<InProcessSilo> StartLocalAsync(string? redis = null, string? serviceId = null, Action<SiloBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?> { ["Orleans:ServiceId"] = serviceId ?? "local-" + Guid.NewGuid().ToString("N")[..8] };
        if (redis is not null)
        {
            settings["ConnectionStrings:redis"] = redis;
        }

        return StartAsync(settings, FreePort.Next(), configure, clustered: false);
    }

    /// <summary>A clustered silo on a free loopback port.</summary>
    public static Task<InProcessSilo> StartClusteredAsync(string redis, string serviceId, Action<SiloBuilder>? configure = null)
    {
        var port = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis,
            ["Orleans:ServiceId"] = serviceId,
            ["Orleans:ClusterId"] = "test",
            ["Orleans:Clustering:ProviderType"] = "Redis",
            ["Orleans:GrainStorage:Default:ProviderType"] = "Redis",
            ["Orleans:Endpoints:SiloPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return StartAsync(settings, port, configure, clustered: true);
    }

    private static async Task<InProcessSilo> StartAsync(Dictionary<string, string?> settings, int port, Action<SiloBuilder>? configure, bool clustered)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        if (!clustered)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        builder.AddOpenClawSilo(silo =>
        {
            silo.Options.ListenOnLoopbackOnly = true;
            silo.Options.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
            silo.Options.ReminderPollInterval = TimeSpan.FromMilliseconds(200);
            silo.Options.CollectionQuantum = TimeSpan.FromMilliseconds(200);
            silo.AddGrains(typeof(TurnProbeGrain).Assembly);
            silo.AddGrains(typeof(TestGrains).Assembly);
            configure?.Invoke(silo);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        var app = builder.Build();
        app.MapOpenClawSilo();
        await app.StartAsync();
        return new InProcessSilo(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
