using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenClaw.Grains.Budget;
using OpenClaw.Grains.Hosting;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Tests.Sync;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator.Clock;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// A one-silo Orleans host inside the bench process (the rate scenario), registered as <c>src/OpenClaw.Silo</c> does
/// (<c>AddShopGrains</c>, Redis grain storage and reminders on the bench's Garnet), with the world's clock replaced by
/// the simulator's so a simulated day can pass in minutes:
/// <list type="bullet">
/// <item>the grains' TikTok clock follows the simulator, leading by the settle time + 1 s (as the Grains tests do);</item>
/// <item>the rate budget, the polling pacer and the shop grains' "real" clock (their backoffs and budget pauses) follow
/// the simulator exactly, so the quota day is the simulator's day and a budget pause and the grain's wait for it are on
/// one clock (in production all of them are the system clock);</item>
/// <item>request signing and every timer stay on the real clock.</item>
/// </list>
/// Between the clock's jumps it runs at real speed, so the token buckets refill at their real rates.
/// </summary>
internal sealed class RateSilo : IAsyncDisposable
{
    private readonly IHost host;

    private RateSilo(IHost host) => this.host = host;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public RateBudget Budget => host.Services.GetRequiredService<RateBudget>();

    public SyncPacer Pacer => host.Services.GetRequiredService<SyncPacer>();

    public static async Task<RateSilo> StartAsync(string redisConnectionString, IConnectionMultiplexer redis, SimulatedClock clock,
        IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, LogLevel> logLevels)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var settle = configuration.GetValue("Sync:Settle", TimeSpan.FromSeconds(15));
        var world = new SimulatorTimeProvider(clock, TimeSpan.Zero);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Error);
        foreach (var (category, level) in logLevels)
        {
            builder.Logging.AddFilter(category, level);
        }

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddKeyedSingleton<IConnectionMultiplexer>(RateBudgetServiceCollectionExtensions.RedisServiceKey, redis);
        services.AddKeyedSingleton<TimeProvider>(TikTokClock.ServiceKey, new SimulatorTimeProvider(clock, settle + TimeSpan.FromSeconds(1)));

        // Registered before AddShopGrains, whose TryAdd keeps them: the same types on the simulator's clock.
        services.AddWorldClockSync(redis, world);
        services.AddShopGrains(configuration);

        var id = Guid.NewGuid().ToString("N")[..8];
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: "bench-sync-" + id, clusterId: "bench-" + id);
            silo.AddRedisGrainStorage("Default", o => o.ConfigurationOptions = ConfigurationOptions.Parse(redisConnectionString));
            silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redisConnectionString));
        });
        var host = builder.Build();
        await host.StartAsync();
        return new RateSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await host.StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Abandoned: the process ends anyway.
        }

        host.Dispose();
    }
}

/// <summary>Counts the budget's grants by priority and refusals by reason (meter <c>OpenClaw.Budget</c>), in this process.</summary>
internal sealed class BudgetMeter : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);

    public BudgetMeter()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "OpenClaw.Budget" && instrument.Name is "openclaw.budget.calls" or "openclaw.budget.refused" or "openclaw.budget.reports")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name["openclaw.budget.".Length..];
            foreach (var tag in tags)
            {
                key += "/" + tag.Value;
            }

            lock (counts)
            {
                counts[key] = counts.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();
    }

    /// <summary>Counts so far, e.g. <c>calls/backfill</c>, <c>refused/backfill/backfill_ahead_of_pace</c>, <c>reports/rate_limit</c>.</summary>
    public Dictionary<string, long> Snapshot()
    {
        lock (counts)
        {
            return new Dictionary<string, long>(counts, StringComparer.Ordinal);
        }
    }

    public void Dispose() => listener.Dispose();
}
