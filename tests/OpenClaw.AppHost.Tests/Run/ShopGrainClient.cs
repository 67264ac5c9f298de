using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Grains.Shops;
using Orleans.Configuration;
using Orleans.Runtime;
using StackExchange.Redis;

namespace OpenClaw.AppHost.Tests.Run;

/// <summary>An Orleans client joined to the AppHost's cluster through the store, as the API will be.</summary>
internal sealed class ShopGrainClient : IAsyncDisposable
{
    private readonly IHost host;

    private ShopGrainClient(IHost host) => this.host = host;

    public static async Task<ShopGrainClient> ConnectAsync(string storeConnectionString, string clusterId, string serviceId, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(storeConnectionString))
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = serviceId;
            }));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new ShopGrainClient(host);
    }

    public IShopGrain Shop(string shopId) => host.Services.GetRequiredService<IClusterClient>().GetGrain<IShopGrain>(shopId);

    /// <summary>
    /// Runs a grain call, retrying what a caller of a just-started cluster can see (a gateway not in the client's
    /// list yet, a silo still joining) for at most <paramref name="within"/>.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                return await call().WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
            }
            catch (Exception ex) when (ex is OrleansException or SiloUnavailableException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None);
        host.Dispose();
    }
}
