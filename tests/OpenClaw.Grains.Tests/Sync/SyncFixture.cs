using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Hosting;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Sync.Tracking;
using OpenClaw.Grains.Tenants;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator;
using OpenClaw.TikTokShop.Simulator.Clock;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>
/// The real thing on loopback: the TikTok simulator over HTTP (frozen clock, moved by the tests), a two-silo
/// in-process Orleans cluster whose shop grains sync from it, and a real Garnet (or redis-server) for entities and
/// the Data Protection key ring. Each test class gets its own simulator seed, so shop ids and keys never collide.
/// </summary>
public abstract class SyncFixture : IAsyncLifetime
{
    /// <summary>Settle time the grains use; their TikTok clock leads the simulator by a second more.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    private WebApplication? simulator;
    private InProcessTestCluster? cluster;

    /// <summary>Simulator seed (distinct per fixture type).</summary>
    protected abstract int Seed { get; }

    /// <summary>Simulator shops.</summary>
    public virtual int ShopCount => 4;

    /// <summary>Extra <c>Simulator:</c> settings (<c>Key=Value</c>).</summary>
    protected virtual IEnumerable<string> SimulatorSettings => [];

    /// <summary>The simulator's base URL.</summary>
    public string SimulatorUrl { get; private set; } = "";

    /// <summary>Admin and truth calls to the simulator.</summary>
    public HttpClient Simulator { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>What reached the simulator.</summary>
    public SimulatorRequestLog Requests { get; } = new();

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("not started");

    /// <summary>The entity store the grains write.</summary>
    public EntityStore Store { get; private set; } = null!;

    /// <summary>The tracking still to fetch per shop, as the grains remember it.</summary>
    public TrackingBacklog Tracking { get; private set; } = null!;

    /// <summary>The simulator's clock.</summary>
    public SimulatedClock Clock { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var redis = await SharedRedis.GetAsync();
        var port = FreePort.Next();
        SimulatorUrl = $"http://127.0.0.1:{port}";
        Simulator.BaseAddress = new Uri(SimulatorUrl);
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        string[] defaults =
        [
            $"Seed={Seed}", $"ShopCount={ShopCount}", "HistoryDays=30", "OrdersPerShopPerDay=20", "ProductsPerShop=30", "ClockSpeed=0",
            "ClockStart=" + start.ToString("O", CultureInfo.InvariantCulture),
        ];
        var args = new List<string> { "--urls", SimulatorUrl, "--Logging:LogLevel:Default=Warning" };
        args.AddRange(defaults.Concat(SimulatorSettings).Select(s => "--Simulator:" + s));
        simulator = SimulatorApp.Create([.. args], services =>
        {
            services.AddSingleton<IStartupFilter>(Requests);
            ConfigureSimulator(services);
        });
        await simulator.StartAsync();
        Clock = simulator.Services.GetRequiredService<SimulatedClock>();

        var mux = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        Store = new EntityStore(mux);
        Tracking = new TrackingBacklog(mux);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("Default");
            silo.UseInMemoryReminderService();
            silo.Services.AddKeyedSingleton<IConnectionMultiplexer>("redis", mux);
            silo.Services.AddKeyedSingleton<TimeProvider>(TikTokClock.ServiceKey, new SimulatorTimeProvider(Clock, Settle + TimeSpan.FromSeconds(1)));
            ConfigureServices(silo.Services, mux);
            silo.Services.AddShopGrains(configuration);
            silo.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            ConfigureSilo(silo.Services, configuration);
        });
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    /// <summary>Adds services to the simulator (e.g. another request tap).</summary>
    protected virtual void ConfigureSimulator(IServiceCollection services)
    {
    }

    /// <summary>More silo services (e.g. alert delivery), after the shop grains'.</summary>
    protected virtual void ConfigureSilo(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>Registers silo services before <c>AddShopGrains</c> (whose TryAdd keeps them); nothing by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services, IConnectionMultiplexer redis)
    {
    }

    /// <summary>Silo configuration: TikTok client at the simulator, fast turns for tests.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => new Dictionary<string, string?>
    {
        ["TikTokShop:AppKey"] = "openclaw-demo-app",
        ["TikTokShop:AppSecret"] = "openclaw-demo-secret",
        ["TikTokShop:ServiceId"] = "7000000000000000001",
        ["TikTokShop:ApiBaseUrl"] = SimulatorUrl,
        ["TikTokShop:AuthBaseUrl"] = SimulatorUrl,
        ["TikTokShop:AuthorizeBaseUrl"] = SimulatorUrl,
        ["TikTokShop:AttemptTimeout"] = "00:00:03",
        ["TikTokShop:RetryBaseDelay"] = "00:00:00.050",
        ["TikTokShop:RetryMaxDelay"] = "00:00:00.500",
        // Each fixture its own budget keys; a quota no test reaches (the budget's backfill pacing follows the real UTC day).
        ["RateBudget:AppKey"] = "test-sync-" + Seed,
        ["RateBudget:DailyQuota"] = "100000000",
        ["Sync:Settle"] = "00:00:15",
        ["Sync:InitialBackfill"] = "31.00:00:00",
        ["Sync:PagesPerTurn"] = "8",
        ["Sync:BusyTurnDelay"] = "00:00:00.010",
        ["Sync:MaxIdleDelay"] = "00:00:00.200",
        ["Sync:FailureBackoff"] = "00:00:00.200",
        ["Sync:MaxBackoff"] = "00:00:02",
    };

    /// <summary>The simulator's shop ids.</summary>
    public Task<IReadOnlyList<string>> ShopIdsAsync() => SimulatorAdmin.ShopIdsAsync(Simulator);

    /// <summary>Onboards every simulator shop for <paramref name="tenantId"/> through the authorization-code exchange.</summary>
    public async Task<IReadOnlyList<string>> ConnectAllAsync(string tenantId)
    {
        var tenant = Cluster.Client.GetGrain<ITenantGrain>(tenantId);
        var ids = new List<string>();
        foreach (var shopId in await ShopIdsAsync())
        {
            var connected = await tenant.ConnectWithAuthCodeAsync(await AuthCodeAsync(shopId));
            ids.AddRange(connected.Select(s => s.ShopId));
        }

        return ids;
    }

    /// <summary>A fresh single-use authorization code for a shop (what the consent page would give the seller).</summary>
    public Task<string> AuthCodeAsync(string shopId) => SimulatorAdmin.AuthCodeAsync(Simulator, shopId);

    /// <summary>Posts an admin request and fails on a non-success answer.</summary>
    public async Task AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Simulator.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Makes a caught-up shop sync only when asked: every domain's interval becomes a day, and twenty simulated seconds on
    /// (so that even a domain that never had a window on the frozen clock fetches one) each fetches a short window and
    /// schedules its next a day out.
    /// </summary>
    public async Task SyncDailyAsync(IShopGrain grain)
    {
        var settings = (await grain.GetAsync()).Settings;
        await grain.UpdateSettingsAsync(settings with { SyncIntervals = Enum.GetValues<SyncDomain>().ToDictionary(d => d, _ => TimeSpan.FromDays(1)) });
        await AdvanceAsync(TimeSpan.FromSeconds(20));
        await grain.SyncNowAsync();
        var dayOut = Clock.Now.AddHours(12);
        await Eventually.TrueAsync(async () => (await grain.GetSyncReportAsync()).Domains.All(d => d.NextRunAt > dayOut && !d.InProgress),
            TimeSpan.FromSeconds(30), () => "the domains were not rescheduled a day out");
    }

    /// <summary>Moves the simulated clock forward.</summary>
    public Task AdvanceAsync(TimeSpan by) => AdminAsync(HttpMethod.Post, "/_sim/clock/advance", new { seconds = (long)by.TotalSeconds });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        if (simulator is not null)
        {
            await simulator.StopAsync();
            await simulator.DisposeAsync();
        }

        Simulator.Dispose();
        GC.SuppressFinalize(this);
    }
}
