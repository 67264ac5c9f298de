using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OpenClaw.TestSupport;

/// <summary>
/// An Orleans client (what the API will be) joined to a cluster through its Redis membership table, with a bounded
/// <c>ResponseTimeout</c>: during a failover a call to a dead silo fails after that bound instead of hanging, and
/// <c>GrainCallRetry</c> retries it. Used by the silo tests, the AppHost test and the cluster bench.
/// </summary>
public sealed class OrleansClient : IAsyncDisposable
{
    private readonly IHost host;

    private OrleansClient(IHost host) => this.host = host;

    /// <summary>The grain factory of the client.</summary>
    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>
    /// Connects through every gateway listed in the Redis membership table at <paramref name="redisConnectionString"/>,
    /// or only through the loopback gateway on <paramref name="gatewayPort"/> when given (to choose which silo the
    /// client's calls enter by).
    /// </summary>
    public static async Task<OrleansClient> ConnectAsync(
        string redisConnectionString, string clusterId, string serviceId, TimeSpan responseTimeout,
        int? gatewayPort = null, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            if (gatewayPort is { } port)
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, port));
            }
            else
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redisConnectionString));
                // New silos (after a failover) become gateways within seconds, not the default minute.
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            }

            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
        });

        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new OrleansClient(host);
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
