using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Api;
using OpenClaw.Bench.Sync;
using OpenClaw.Grains.Shops;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Bench.Api;

/// <summary>
/// The real parts on loopback: a throw-away Garnet, the TikTok simulator (in this process, idle once the shops are
/// paused), one real silo process (<c>src/OpenClaw.Silo</c>, configured by environment as in production) and the agency
/// API on Kestrel in this process (<see cref="ApiApp"/>, an Orleans client of that silo). So during a load run this
/// process's CPU and memory are the API's. One tenant is created through the API with the bootstrap key and given a
/// <c>read</c> key; its shops are onboarded through the tenant grain (auth-code exchange at the simulator) and paused,
/// so no sync turn writes the day buckets the bench writes.
/// </summary>
internal sealed class ApiStack : IAsyncDisposable
{
    public const string TenantId = "bench-0";
    private const string BootstrapKey = "bench-bootstrap-admin-key-0123456789abcdef";

    private readonly List<IAsyncDisposable> parts = [];

    private ApiStack()
    {
    }

    public Garnet Garnet { get; private set; } = null!;

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public SiloProcess Silo { get; private set; } = null!;

    public IClusterClient Grains { get; private set; } = null!;

    public string ApiUrl { get; private set; } = "";

    /// <summary>The API's services (its <c>MetricsQuery</c>, JSON options) for in-process probes.</summary>
    public IServiceProvider ApiServices { get; private set; } = null!;

    /// <summary>The API's own Redis connection (the keyed client Aspire registers).</summary>
    public IConnectionMultiplexer ApiRedis => ApiServices.GetRequiredKeyedService<IConnectionMultiplexer>(OpenClaw.ServiceDefaults.Redis.RedisExtensions.ConnectionName);

    /// <summary>The tenant's <c>read</c> key (what the load generator sends).</summary>
    public string TenantKey { get; private set; } = "";

    /// <summary>The tenant's shops (id, reporting zone), sorted by id.</summary>
    public IReadOnlyList<(string ShopId, string Zone)> Shops { get; private set; } = [];

    public static async Task<ApiStack> StartAsync(int shopCount, string garnetMemory, CancellationToken ct)
    {
        var stack = new ApiStack();
        try
        {
            await stack.StartPartsAsync(shopCount, garnetMemory, ct);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartPartsAsync(int shopCount, string garnetMemory, CancellationToken ct)
    {
        Garnet = await Garnet.StartAsync(garnetMemory);
        parts.Add(Garnet);
        Redis = await Garnet.ConnectAsync(Garnet.ConnectionString);
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        // Few orders and products: the simulator only has to onboard the shops; the bench writes their buckets.
        var simulator = await SimulatorHost.StartAsync(
        [
            "Seed=1010", $"ShopCount={shopCount}", "ClockSpeed=1", "ClockStart=" + SimulatorHost.Iso(start),
            "HistoryDays=1", "OrdersPerShopPerDay=1", "ProductsPerShop=3",
        ]);
        parts.Add(simulator);

        var cluster = new SiloCluster(Garnet.ConnectionString, new Dictionary<string, string>(simulator.TikTokSettings("__"))
        {
            ["RateBudget__AppKey"] = "bench-api",
            ["RateBudget__PerAppPerSecond"] = "1000",
            ["RateBudget__DailyQuota"] = "1000000000",
            ["Sync__InitialBackfill"] = "00:00:00",
            ["Sync__ProductBackfill"] = "00:00:00",
            ["Logging__LogLevel__OpenClaw"] = "Warning",
        });
        parts.Add(cluster);
        Silo = await cluster.StartSiloAsync(ct);
        var client = await cluster.ConnectClientAsync(TimeSpan.FromSeconds(60), ct);
        parts.Add(client);
        Grains = client.Client;

        ApiUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var api = ApiApp.Create(
        [
            .. LoopbackClusterArguments.Shared(Garnet.ConnectionString, cluster.ClusterId, cluster.ServiceId, simulator.Url),
            "--urls", ApiUrl, $"--Api:BootstrapAdminKey={BootstrapKey}",
            "--Api:RateLimit:PermitsPerSecond=100000", "--Api:RateLimit:Burst=100000",
        ]);
        await api.StartAsync(ct);
        parts.Add(api);
        ApiServices = api.Services;
        Console.WriteLine($"Garnet {Garnet.ConnectionString} (-m {garnetMemory}), simulator {simulator.Url}, silo pid {Silo.ProcessId}, API {ApiUrl} (pid {Environment.ProcessId})");

        TenantKey = await CreateTenantAsync(ct);
        var shopIds = await simulator.ShopIdsAsync();
        var onboarding = await Onboarding.RunAsync(Grains, simulator.Http, shopIds, "bench", tenants: 1, parallel: 1, ct);
        if (onboarding.Connected != shopIds.Count)
        {
            throw new InvalidOperationException($"onboarded {onboarding.Connected}/{shopIds.Count}: {onboarding.FirstError}");
        }

        Shops = await PauseAsync(shopIds, ct);
        Console.WriteLine($"{Shops.Count:N0} shops onboarded in {onboarding.Elapsed.TotalSeconds:F0} s and paused");
    }

    private async Task<string> CreateTenantAsync(CancellationToken ct)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(ApiUrl) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", BootstrapKey);
        using (var created = await admin.PostAsJsonAsync("/api/v1/tenants", new { tenant_id = TenantId, name = "Bench agency" }, ct))
        {
            created.EnsureSuccessStatusCode();
        }

        using var issued = await admin.PostAsJsonAsync($"/api/v1/tenants/{TenantId}/keys", new { name = "bench", scopes = new[] { "read" } }, ct);
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("key").GetString()!;
    }

    // Pauses every shop (no more sync turns) and returns its reporting zone.
    private async Task<IReadOnlyList<(string ShopId, string Zone)>> PauseAsync(IReadOnlyList<string> shopIds, CancellationToken ct)
    {
        var shops = new (string, string)[shopIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, shopIds.Count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, _) =>
        {
            var shop = Grains.GetGrain<IShopGrain>(shopIds[i]);
            var snapshot = await shop.GetAsync();
            snapshot = await shop.UpdateSettingsAsync(snapshot.Settings with { Paused = true });
            shops[i] = (snapshot.ShopId, snapshot.Settings.TimeZone);
        });
        return [.. shops.OrderBy(s => s.Item1, StringComparer.Ordinal)];
    }

    /// <summary>CPU time of this process (the API), the silo and Garnet so far.</summary>
    public (TimeSpan Api, TimeSpan Silo, TimeSpan Garnet) CpuTimes() =>
        (Process.GetCurrentProcess().TotalProcessorTime, ProcessStats.CpuTime(ProcessStats.Tree(Silo.ProcessId)), ProcessStats.CpuTime(Garnet.ProcessIds));

    public async ValueTask DisposeAsync()
    {
        Redis?.Dispose();
        foreach (var part in Enumerable.Reverse(parts))
        {
            if (part is WebApplication app)
            {
                // Requests an overloaded run left behind may never complete: Kestrel gets 10 s, then lets them go.
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await app.StopAsync(stop.Token);
            }

            await part.DisposeAsync();
        }
    }
}
