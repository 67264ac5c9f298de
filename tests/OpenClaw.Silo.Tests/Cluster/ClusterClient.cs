using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OpenClaw.Silo.Tests.Cluster;

/// <summary>
/// An Orleans client (what the API will be) connected to a <see cref="SiloCluster"/>, with a bounded
/// <c>ResponseTimeout</c>: during a failover a call to a dead silo fails after that bound instead of hanging,
/// and <see cref="GrainCall"/> retries it.
/// </summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterClient(IHost host) => this.host = host;

    /// <summary>The grain factory of the client.</summary>
    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>
    /// Connects to <paramref name="cluster"/>: through every gateway listed in its Redis membership table, or only
    /// through <paramref name="gateway"/> when given (to control which silo the client's calls enter by).
    /// </summary>
    public static async Task<ClusterClient> ConnectAsync(SiloCluster cluster, TimeSpan responseTimeout, SiloProcess? gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            if (gateway is null)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(cluster.RedisConnectionString));
                // New silos (after a failover) become gateways within seconds, not the default minute.
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            }
            else
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gateway.GatewayPort));
            }

            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
        });

        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ClusterClient(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The cluster may be gone already; the client is abandoned either way.
        }

        host.Dispose();
    }
}
