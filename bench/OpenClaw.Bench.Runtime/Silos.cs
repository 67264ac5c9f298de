using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Runtime.Hosting;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Runtime;

/// <summary>Starts silos and clients for the measurements.</summary>
internal static class Silos
{
    public static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings, bool clustered)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        if (!clustered)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        }

        builder.AddOpenClawSilo(silo =>
        {
            silo.Options.ListenOnLoopbackOnly = true;
            silo.AddGrain<PingGrain>();
            silo.AddGrains(typeof(OpenClaw.Runtime.TestSilo.TestGrains).Assembly);
        });
        var app = builder.Build();
        app.MapOpenClawSilo();
        await app.StartAsync();
        return app;
    }

    public static Dictionary<string, string?> Clustered(string redis, string serviceId, int port) => new()
    {
        ["ConnectionStrings:redis"] = redis,
        ["Orleans:ServiceId"] = serviceId,
        ["Orleans:ClusterId"] = "test",
        ["Orleans:Clustering:ProviderType"] = "Redis",
        ["Orleans:Endpoints:SiloPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<IHost> StartClientAsync(string redis, string serviceId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Clustered(redis, serviceId, 0));
        builder.Logging.ClearProviders();
        builder.AddOpenClawClusterClient();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
