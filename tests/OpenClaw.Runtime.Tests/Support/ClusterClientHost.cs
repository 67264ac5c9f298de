using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Runtime.Hosting;

namespace OpenClaw.Runtime.Tests.Support;

/// <summary>A non-silo process's grain client (as the API uses), hosted in the test process.</summary>
public sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterClientHost(IHost host) => this.host = host;

    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClientHost> StartAsync(string redis, string serviceId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis,
            ["Orleans:ServiceId"] = serviceId,
            ["Orleans:ClusterId"] = "test",
            ["Orleans:Clustering:ProviderType"] = "Redis",
        });
        builder.Logging.ClearProviders();
        builder.AddOpenClawClusterClient();
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClientHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
