using OpenClaw.Grains.Calls;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Tenants;
using OpenClaw.TestSupport;

namespace OpenClaw.AppHost.Tests.Run;

/// <summary>
/// The real AppHost under Aspire.Hosting.Testing: DCP starts Garnet, the simulator and two silos on ports Aspire
/// picks, so the run never collides with a developer's `dotnet run --project OpenClaw.AppHost`. Tagged Redis-backed
/// so CI runs it a second time with <c>Store:Kind=redis</c> (OPENCLAW_TEST_REDIS=redis).
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class AppHostRunTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);

    // The store's own data folder for this run (the default, .openclaw/store, belongs to `dotnet run`).
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "openclaw-apphost-test-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task AppHost_runs_store_simulator_and_two_silos_that_serve_a_shop_grain_and_leaves_no_process_behind()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Budget);
        var ct = timeout.Token;

        // Garnet unless OPENCLAW_TEST_REDIS=redis (as for the other Redis-backed suites); an inherited
        // ConnectionStrings__redis must not turn this into a run against someone else's server.
        var kind = RedisServer.KindFromEnvironment;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.OpenClaw_AppHost>(
            [$"--Store:Kind={kind}", $"--Store:DataPath={dataPath}", "--ConnectionStrings:redis="], ct);
        IReadOnlyList<ProcessInfo> started;
        var app = await builder.BuildAsync(ct);
        await using (app)
        {
            await using var watcher = new ResourceWatcher(app);
            await app.StartAsync(ct);

            await watcher.WaitForHealthyAsync("redis", 1, ct);
            await watcher.WaitForHealthyAsync("tiktok-sim", 1, ct);
            var silos = await watcher.WaitForHealthyAsync("silo", 2, ct);
            Assert.Equal(2, silos.Count);

            // The client joins the way the API will: the store's membership table, the AppHost's cluster ids.
            var store = await app.GetConnectionStringAsync("redis", ct) ?? throw new InvalidOperationException("no connection string for 'redis'");
            var silo = await ExecutionConfigurationBuilder.Create(Resource(app, "silo")).WithEnvironmentVariablesConfig()
                .BuildAsync(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, ct);
            var siloEnvironment = silo.EnvironmentVariables.ToDictionary(kv => kv.Key, kv => kv.Value);
            await using (var client = await OrleansClient.ConnectAsync(store, siloEnvironment["Orleans__ClusterId"], siloEnvironment["Orleans__ServiceId"], TimeSpan.FromSeconds(15), cancellationToken: ct))
            {
                var shopId = "7495" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);
                var shop = client.Client.GetGrain<IShopGrain>(shopId);
                var connected = await GrainCallRetry.RetryAsync(() => shop.ConnectAsync(new ShopRegistration("agency-1", "深圳优选小店", "us")), TimeSpan.FromSeconds(60), ct);
                var read = await GrainCallRetry.RetryAsync(shop.GetAsync, TimeSpan.FromSeconds(30), ct);

                Assert.Equal(ShopStatus.Active, connected.Status);
                Assert.Equal("US", connected.Region);
                Assert.False(string.IsNullOrEmpty(connected.Silo));
                Assert.Equal(connected with { LastReminderAt = read.LastReminderAt }, read);
                Assert.Equal("深圳优选小店", read.ShopName);

                // The silos onboard the simulator's demo shops themselves, through the authorization-code exchange (run mode only).
                var tenant = client.Client.GetGrain<ITenantGrain>("demo-agency");
                IReadOnlyList<string> demoShops = [];
                await Eventually.TrueAsync(async () =>
                {
                    demoShops = await GrainCallRetry.RetryAsync(tenant.GetShopIdsAsync, TimeSpan.FromSeconds(30), ct);
                    return demoShops.Count == 12;
                }, TimeSpan.FromSeconds(90), () => $"the demo tenant has {demoShops.Count} shops");
                var demo = await GrainCallRetry.RetryAsync(client.Client.GetGrain<IShopGrain>(demoShops[0]).GetSyncReportAsync, TimeSpan.FromSeconds(30), ct);
                Assert.Equal(ShopStatus.Active, demo.Shop.Status);
                Assert.Equal("demo-agency", demo.Shop.TenantId);
                Assert.Equal("Valid", demo.Token.Status);
                Assert.False(string.IsNullOrWhiteSpace(demo.Shop.ShopName), "the shop name comes from the authorized-shops endpoint");
            }

            // Everything DCP started for this run, and what runs under it (the apps under `dotnet run`, GarnetServer under `dotnet tool run`).
            started = LinuxProcesses.Family(watcher.ProcessIds, p => p.CommandLine.Contains(dataPath, StringComparison.Ordinal));
            var server = kind == RedisServerKind.Garnet ? "GarnetServer" : "redis-server";
            Assert.Contains(started, p => p.CommandLine.Contains(server, StringComparison.Ordinal));
            Assert.Equal(2, started.Count(p => p.CommandLine.EndsWith("/OpenClaw.Silo", StringComparison.Ordinal)));
            Assert.Contains(started, p => p.CommandLine.EndsWith("/OpenClaw.TikTokShop.Simulator", StringComparison.Ordinal));
        }

        // Disposing the app stops DCP, which stops every child; give them their shutdown time.
        try
        {
            await Eventually.UntilAsync(() => Task.FromResult(!started.Any(LinuxProcesses.IsAlive)), timeoutMs: 45_000);
        }
        catch (TimeoutException)
        {
            Assert.Fail("processes of this run still alive after dispose:\n" + string.Join('\n', started.Where(LinuxProcesses.IsAlive)));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }

    private static IResource Resource(DistributedApplication app, string name) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);
}
