using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Configuration;
using OpenClaw.Grains.Hosting;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.TestSupport;
using StackExchange.Redis;
using Orleans.TestingHost;

namespace OpenClaw.Grains.Tests;

/// <summary>
/// One in-process Orleans cluster of two silos shared by every grain test (Orleans' testing sample shape):
/// memory grain storage named "Default", in-memory reminders, and one <see cref="FakeTimeProvider"/> that the
/// grains see as their clock. Tests keep apart by using a fresh shop id each.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Where the grains' clock starts; tests read times relative to <see cref="Clock"/>.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Reminder due time the silos are configured with (real time: Orleans' reminder service runs on it).</summary>
    public static readonly TimeSpan ReminderDueTime = TimeSpan.FromMilliseconds(500);

    private InProcessTestCluster? cluster;

    /// <summary>The grains' clock. Only grain code reads it; Orleans' own loops stay on real time.</summary>
    public FakeTimeProvider Clock { get; } = new(Epoch);

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("cluster not deployed");

    /// <summary>
    /// Every way a caller can reach a grain: the external client and each silo's own grain factory (what a grain
    /// or a silo-hosted service on that silo would use).
    /// </summary>
    public IReadOnlyList<IGrainFactory> Callers =>
        [Cluster.Client, .. Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>())];

    /// <summary>A shop grain with a shop id no other test uses.</summary>
    public IShopGrain NewShop() => Cluster.Client.GetGrain<IShopGrain>("shop-" + Guid.NewGuid().ToString("N")[..12]);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        // Shop grains need the TikTok client, the entity store and the key ring even when a test connects no tokens.
        var redis = await SharedRedis.GetAsync();
        var mux = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TikTokShop:AppKey"] = "test-app",
            ["RateBudget:AppKey"] = "test-cluster-" + Guid.NewGuid().ToString("N")[..8],
            ["TikTokShop:AppSecret"] = "test-secret",
            ["TikTokShop:ServiceId"] = "7000000000000000001",
            ["TikTokShop:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["TikTokShop:AuthBaseUrl"] = "http://127.0.0.1:9",
            ["TikTokShop:AuthorizeBaseUrl"] = "http://127.0.0.1:9",
        }).Build();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("Default");
            silo.UseInMemoryReminderService();
            silo.Services.Configure<ShopGrainOptions>(o =>
            {
                o.ReminderDueTime = ReminderDueTime;
                o.ReminderPeriod = TimeSpan.FromMinutes(1);
            });

            // The grains' clock is fake; Orleans' membership, directory and reminder loops keep real time, or
            // advancing the fake clock would run them inline (Orleans' own FakeTimeSilo test helper does the same).
            silo.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            silo.Services.AddKeyedSingleton<TimeProvider>(TikTokClock.ServiceKey, Clock);
            silo.Services.AddKeyedSingleton<IConnectionMultiplexer>("redis", mux);
            silo.Services.AddShopGrains(configuration);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });

        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}

/// <summary>Test classes in this collection share one <see cref="ClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "Orleans cluster";
}
