using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Cluster;

/// <summary>
/// A one-silo cluster inside the bench process with memory storage: callers use the silo's own grain factory,
/// so every call is local to the silo (no network, no serialization of the message to another process).
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost host;

    private InProcessSilo(IHost host) => this.host = host;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<InProcessSilo> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Errors only: Orleans warns that this bench process runs workstation GC, which is deliberate here.
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Error);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next());
            silo.AddMemoryGrainStorage("Default");
            silo.UseInMemoryReminderService();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
