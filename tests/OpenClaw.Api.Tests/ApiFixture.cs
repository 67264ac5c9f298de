using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenClaw.Api;
using OpenClaw.Silo.Extensions;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator;

[assembly: AssemblyFixture(typeof(OpenClaw.Api.Tests.ApiFixture))]

namespace OpenClaw.Api.Tests;

/// <summary>
/// The real parts on loopback, shared by every test: a throw-away Garnet, the TikTok simulator over HTTP, one real
/// silo host (<see cref="SiloExtensions.AddSilo"/>) and the API on Kestrel, both configured with the <c>Orleans__*</c>
/// keys Aspire injects (Redis clustering, storage and reminders). Each test uses its own tenants and simulator shops.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    /// <summary>The bootstrap admin key the API is started with.</summary>
    public const string BootstrapKey = "test-bootstrap-admin-key-0123456789abcdef";

    /// <summary>Simulator shops (each test claims its own).</summary>
    public const int ShopCount = 40;

    private readonly LoopbackApps apps = new();
    private string[] apiArgs = [];
    private int claimedShops = -1;

    /// <summary>The simulator's base URL.</summary>
    public string SimulatorUrl { get; private set; } = "";

    /// <summary>The API's base URL.</summary>
    public string ApiUrl { get; private set; } = "";

    /// <summary>Where the simulator's webhooks go on their way to the API.</summary>
    public WebhookRelay Relay { get; private set; } = null!;

    /// <summary>What the silo's grains were called with.</summary>
    public GrainCallRecorder GrainCalls { get; } = new();

    /// <summary>Every log line the API wrote.</summary>
    public LogCapture ApiLogs { get; } = new();

    /// <summary>The throw-away Redis every part uses.</summary>
    public RedisServer Redis { get; private set; } = null!;

    /// <summary>Creates a client of the API (no key).</summary>
    public HttpClient NewApiClient(string? key = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(ApiUrl), Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates a client of the simulator that does not follow redirects (to read the consent page's answer).</summary>
    public HttpClient NewSimulatorClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(SimulatorUrl), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A simulator shop id no other test uses.</summary>
    public string ClaimShop()
    {
        var index = Interlocked.Increment(ref claimedShops);
        Assert.True(index < ShopIds.Count, $"raise ApiFixture.ShopCount: {index + 1} shops claimed");
        return ShopIds[index];
    }

    /// <summary>Every simulator shop id.</summary>
    public IReadOnlyList<string> ShopIds { get; private set; } = [];

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var redis = Redis = await SharedRedis.GetAsync();
        var serviceId = "api-tests-" + Guid.NewGuid().ToString("N")[..8];
        var apiPort = FreePort.Next();
        ApiUrl = $"http://127.0.0.1:{apiPort}";
        SimulatorUrl = $"http://127.0.0.1:{FreePort.Next()}";
        Relay = new WebhookRelay(ApiUrl);
        await StartAsync(Relay.Build());
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var simulator = SimulatorApp.Create(
        [
            "--urls", SimulatorUrl, "--Logging:LogLevel:Default=Warning", "--Simulator:Seed=1515", $"--Simulator:ShopCount={ShopCount}",
            "--Simulator:HistoryDays=3", "--Simulator:OrdersPerShopPerDay=5", "--Simulator:ProductsPerShop=5",
            "--Simulator:ClockStart=" + start.ToString("O", CultureInfo.InvariantCulture),
            $"--Simulator:RedirectUrl={ApiUrl}/api/v1/oauth/callback", $"--Simulator:WebhookUrl={Relay.Url}",
            "--Simulator:Webhooks:RetryDelaysSeconds:0=0.2", "--Simulator:Webhooks:RetryDelaysSeconds:1=0.2",
        ]);
        await StartAsync(simulator);
        ShopIds = await SimulatorShopIdsAsync();

        string[] shared =
        [
            .. LoopbackClusterArguments.Shared(redis.ConnectionString, "api-tests", serviceId, SimulatorUrl),
            // Alert channels may point at the simulator's chat receivers (http, loopback), as in the local demo.
            "--Notifications:AllowPrivateTargets=true", $"--Notifications:KeyPrefix={serviceId}:", "--Alerts:EvaluationInterval=00:00:00.500",
        ];
        await StartAsync(BuildSilo([.. shared, .. LoopbackClusterArguments.Silo(serviceId)],
            services => services.AddSingleton<IIncomingGrainCallFilter>(GrainCalls)));

        // Generous limits: the malformed-request suite sends thousands of requests with one key.
        apiArgs = [.. shared, $"--Api:BootstrapAdminKey={BootstrapKey}", "--Api:GrainResponseTimeout=00:00:20",
            "--Api:RateLimit:PermitsPerSecond=100000", "--Api:RateLimit:Burst=100000",
            // Shared metrics results go stale after 1 s, so tests waiting for new data see it soon (docs/api-guide.md "Freshness").
            "--Api:Metrics:FreshFor=00:00:01", "--Api:Metrics:MaxStale=00:00:30"];
        var api = ApiApp.Create([.. apiArgs, "--urls", ApiUrl, "--Api:Webhooks:PollInterval=00:00:00.050"],
            services => services.AddLogging(logging => logging.AddProvider(ApiLogs).AddFilter<LogCapture>(null, LogLevel.Debug)));
        await StartAsync(api);
    }

    /// <summary>
    /// A silo host as the product composes it (service defaults, <see cref="SiloExtensions.AddSilo"/>, health endpoints)
    /// from command-line arguments, not started; <paramref name="services"/> adds test-only registrations.
    /// </summary>
    public static WebApplication BuildSilo(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddSilo();
        services?.Invoke(builder.Services);
        var silo = builder.Build();
        silo.MapDefaultEndpoints();
        return silo;
    }

    /// <summary>
    /// Starts another API replica on the same cluster and Redis with <paramref name="settings"/> added (e.g. a low rate
    /// limit); it stops with the fixture. Returns its base URL.
    /// </summary>
    public async Task<string> StartApiReplicaAsync(params string[] settings)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await StartAsync(ApiApp.Create([.. apiArgs, "--urls", url, .. settings]));
        return url;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => apps.DisposeAsync();

    private Task StartAsync(WebApplication app) => apps.StartAsync(app);

    private async Task<IReadOnlyList<string>> SimulatorShopIdsAsync()
    {
        using var client = NewSimulatorClient();
        var shops = await client.GetFromJsonAsync<JsonElement>("/_sim/shops");
        return [.. shops.EnumerateArray().Select(s => s.GetProperty("shop_id").GetString()!)];
    }
}
