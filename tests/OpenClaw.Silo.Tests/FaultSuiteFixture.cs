using System.Text;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;
using StackExchange.Redis;
using static OpenClaw.Silo.Tests.SiloTestContext;

namespace OpenClaw.Silo.Tests;

/// <summary>
/// The cluster every scenario of <see cref="FaultSuiteTests"/> runs against: two real silo processes syncing an
/// in-process simulator (frozen clock, a few days of history, an app secret of this run's own) on the shared Redis,
/// exporting their telemetry over OTLP/HTTP to a receiver in the test process, every line they write kept (the
/// security sweep reads all of it, not only the last lines <see cref="SiloProcess.Output"/> keeps). Each scenario
/// connects shops of its own from <see cref="TakeShops"/>, so a fault always lands in the middle of a backfill.
/// </summary>
public sealed class FaultSuiteFixture : IAsyncLifetime
{
    /// <summary>The one tenant of every shop of the suite (ops errors are read per tenant).</summary>
    public const string TenantId = "tenant-fault-suite";

    /// <summary>Shops each scenario connects (in the middle of whose backfill its fault lands).</summary>
    public const int ShopsPerScenario = 2;

    // Seven scenarios (six faults and the sweep) with two shops each.
    private const int ShopCount = 14;

    // Days of simulated history: enough pages for a fault to land inside a backfill, few enough for a quick suite.
    private const int HistoryDays = 3;

    private readonly StringBuilder siloOutput = new();
    private readonly Queue<string> unused = new();
    private readonly List<string> connected = [];
    private OrleansClient? client;

    /// <summary>The simulator the silos sync from.</summary>
    internal InProcessSimulator Simulator { get; private set; } = null!;

    /// <summary>The silo processes.</summary>
    public SiloCluster Cluster { get; private set; } = null!;

    /// <summary>The store the silos write.</summary>
    public IDatabase Redis { get; private set; } = null!;

    /// <summary>Receives the silos' OTLP export (traces, logs, metrics).</summary>
    public OtlpReceiver Telemetry { get; private set; } = null!;

    /// <summary>The app secret of this run (the simulator's and the silos').</summary>
    public string AppSecret { get; } = "secret-" + Guid.NewGuid().ToString("N");

    /// <summary>How long the simulator, the receiver and both silos took to start (printed by the first scenario).</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>A client of the cluster.</summary>
    public IGrainFactory Grains => client?.Client ?? throw new InvalidOperationException("fixture not initialised");

    /// <summary>Shops connected so far, by every scenario.</summary>
    public IReadOnlyList<string> Connected => connected;

    /// <summary>The tenant's ops errors, read straight from Redis as the API reads them.</summary>
    public OpsErrorSearch OpsErrors => new(Redis.Multiplexer, Options.Create(new OpsErrorOptions()), TimeProvider.System);

    /// <summary>Everything every silo has written so far (stdout and stderr, all lines).</summary>
    public string SiloOutput
    {
        get
        {
            lock (siloOutput)
            {
                return siloOutput.ToString();
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Simulator = await InProcessSimulator.StartAsync(seed: 1414, ShopCount, cancellation, HistoryDays, "AppSecret=" + AppSecret);
        foreach (var shopId in await SimulatorAdmin.ShopIdsAsync(Simulator.Http, cancellation))
        {
            unused.Enqueue(shopId);
        }

        Telemetry = await OtlpReceiver.StartAsync();
        var settings = SyncingShops.FastSettings(Simulator.Url, "faults-", HistoryDays + 1);
        settings["TikTokShop__AppSecret"] = AppSecret;

        // Every windowed domain polls every 2 s, so "syncing again" after a fault is visible in seconds in every domain.
        // The polling plan never polls more often than its minimum interval (1 minute by default), which would otherwise
        // stretch every interval after its first plan and measure the poll interval instead of the recovery.
        foreach (var domain in SyncingShops.Windowed)
        {
            settings[$"Sync__Intervals__{domain}"] = "00:00:02";
        }

        settings["RateBudget__Polling__MinimumInterval"] = "00:00:02";

        // The sweep's material: what operators would export and read. HttpClient's request lines (URLs with their query
        // strings: signatures, app secret, refresh tokens) at Information, as a host without a logging section logs them.
        settings["Logging__LogLevel__System.Net.Http.HttpClient"] = "Information";
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint;
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "1000";

        (Cluster, Redis) = await NewClusterAsync(settings, line =>
        {
            lock (siloOutput)
            {
                siloOutput.AppendLine(line);
            }
        });
        await Cluster.StartSilosAsync(2, cancellation);
        client = await Cluster.ConnectClientAsync(ResponseTimeout, cancellation);
        StartedIn = System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Connects <paramref name="count"/> shops no scenario has used yet and returns their ids.</summary>
    public async Task<IReadOnlyList<string>> TakeShops(int count = ShopsPerScenario)
    {
        var shops = Enumerable.Range(0, count).Select(_ => unused.Dequeue()).ToList();
        await SyncingShops.OnboardAsync(Grains, Simulator.Http, TenantId, shops);
        connected.AddRange(shops);
        return shops;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (client is not null)
        {
            await client.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }
}
