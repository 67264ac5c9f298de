using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Runtime.Activation;
using OpenClaw.Runtime.Cluster;
using OpenClaw.Runtime.Reminders;

namespace OpenClaw.Runtime.Hosting;

/// <summary>
/// Starts the silo's loops once the web server listens (so peers can reach it when it takes shards) and, when the
/// host stops, hands everything over before the server stops: deactivate (flush state), release shards, announce.
/// </summary>
internal sealed class SiloLifecycle(IServiceProvider services, SiloRuntime silo, OpenClawRuntimeOptions options, TimeProvider clock) : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> loops = [];

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var token = stopping.Token;
        if (options.IsClustered)
        {
            var table = services.GetRequiredService<ShardTable>();
            var balancer = services.GetRequiredService<ShardBalancer>();
            await balancer.JoinAsync().ConfigureAwait(false);
            await table.RefreshAsync().ConfigureAwait(false);
            loops.Add(Task.Run(() => balancer.RunAsync(token), CancellationToken.None));
            loops.Add(Task.Run(() => table.RunAsync(token), CancellationToken.None));
        }

        loops.Add(Task.Run(() => Swallow(new ReminderService(silo, clock).RunAsync(token)), CancellationToken.None));
        loops.Add(Task.Run(() => Swallow(new IdleCollector(silo).RunAsync(token)), CancellationToken.None));
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var count = silo.Catalog.Count;
        if (options.IsClustered)
        {
            await services.GetRequiredService<ShardBalancer>().LeaveAsync().ConfigureAwait(false);
            // Calls still draining through the web server are forwarded with this table: keep it current until StopAsync.
            try
            {
                await services.GetRequiredService<ShardTable>().RefreshAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                silo.Log.ClusterRoundFailed(ex);
            }
        }
        else
        {
            await silo.Catalog.DeactivateAsync(_ => true, new DeactivationReason(DeactivationReasonCode.ShuttingDown, "silo stopping")).ConfigureAwait(false);
        }

        silo.Log.SiloStopped(options.IsClustered ? services.GetRequiredService<ShardBalancer>().SiloId : "local", count, watch.ElapsedMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => stopping.Dispose();

    private static async Task Swallow(Task loop)
    {
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}

/// <summary>Keeps a non-silo client's shard table fresh.</summary>
internal sealed class ClientLifecycle(ShardTable table, ClusterKeys keys, StackExchange.Redis.IConnectionMultiplexer redis) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await redis.GetSubscriber().SubscribeAsync(keys.Events, (_, _) => table.RequestRefresh()).ConfigureAwait(false);
        await table.RunAsync(stoppingToken).ConfigureAwait(false);
    }
}
