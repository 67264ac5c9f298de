using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.AppHost.Demo;
using OpenClaw.TestSupport;

namespace OpenClaw.AppHost.Tests.Run;

/// <summary>
/// One start of the real AppHost over a given data folder: waits until every resource is Running and Healthy and the
/// demo tenant is provisioned; disposing stops it and checks that no process of the run is left.
/// </summary>
internal sealed class AppHostRun : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly DistributedApplication app;
    private readonly ResourceWatcher watcher;
    private readonly string dataPath;
    private int killedSilos;

    private AppHostRun(DistributedApplication app, ResourceWatcher watcher, string dataPath, DemoProduct demo)
    {
        this.app = app;
        this.watcher = watcher;
        this.dataPath = dataPath;
        Demo = demo;
    }

    /// <summary>The product as the demo operator sees it.</summary>
    public DemoProduct Demo { get; }

    /// <summary>Runs one of a resource's commands, as the Aspire dashboard's menu does.</summary>
    public Task<ExecuteCommandResult> CommandAsync(string resourceName, string commandName, CancellationToken ct) =>
        app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(
            app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resourceName), commandName, ct);

    /// <summary>
    /// Everything the instances of the named resources wrote so far (console logs, as the Aspire dashboard shows them),
    /// one line per log line, prefixed with the instance id.
    /// </summary>
    public async Task<string> ResourceLogsAsync(IReadOnlyCollection<string> resourceNames, CancellationToken ct)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var text = new System.Text.StringBuilder();
        foreach (var (instance, _) in watcher.Instances.Where(i => resourceNames.Contains(i.ResourceName)))
        {
            await foreach (var batch in logs.GetAllAsync(instance).WithCancellation(ct))
            {
                foreach (var line in batch)
                {
                    text.Append(instance).Append(": ").AppendLine(line.Content);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>SIGKILLs one silo replica of this run, as an OOM kill or a lost node would end it; returns its pid.</summary>
    public int KillOneSilo()
    {
        var silo = Started().First(IsSilo);
        using var process = System.Diagnostics.Process.GetProcessById(silo.Pid);
        process.Kill(); // SIGKILL on Linux
        killedSilos++;
        return silo.Pid;
    }

    public static async Task<AppHostRun> StartAsync(string dataPath, CancellationToken ct)
    {
        // Garnet unless OPENCLAW_TEST_REDIS=redis (as for the other Redis-backed suites); an inherited
        // ConnectionStrings__redis must not turn this into a run against someone else's server.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.OpenClaw_AppHost>(
            [$"--Store:Kind={RedisServer.KindFromEnvironment}", $"--Store:DataPath={dataPath}", "--ConnectionStrings:redis="], ct);
        var app = await builder.BuildAsync(ct);
        var watcher = new ResourceWatcher(app);
        try
        {
            await app.StartAsync(ct);
            await watcher.WaitForHealthyAsync("redis", 1, ct);
            await watcher.WaitForHealthyAsync("tiktok-sim", 1, ct);
            Assert.Equal(2, (await watcher.WaitForHealthyAsync("silo", 2, ct)).Count);
            await watcher.WaitForHealthyAsync("api", 1, ct);
            await watcher.WaitForHealthyAsync("dashboard", 1, ct);

            var signIn = await app.Services.GetRequiredService<DemoTenant>().SignIn.WaitAsync(Patience, ct);
            var demo = new DemoProduct(signIn, app.GetEndpoint("tiktok-sim", "http"), app.GetEndpoint("dashboard", "http"));
            return new AppHostRun(app, watcher, dataPath, demo);
        }
        catch
        {
            await watcher.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var started = Started();
        var server = RedisServer.KindFromEnvironment == RedisServerKind.Garnet ? "GarnetServer" : "redis-server";
        Assert.Contains(started, p => p.CommandLine.Contains(server, StringComparison.Ordinal));
        // A killed replica may have been started again by DCP (a new pid it reports) or not.
        Assert.InRange(started.Count(IsSilo), 2 - killedSilos, 2);
        Assert.Contains(started, p => p.CommandLine.EndsWith("/OpenClaw.Api", StringComparison.Ordinal));
        Assert.Contains(started, p => p.CommandLine.EndsWith("/OpenClaw.Dashboard", StringComparison.Ordinal));
        Assert.Contains(started, p => p.CommandLine.EndsWith("/OpenClaw.TikTokShop.Simulator", StringComparison.Ordinal));

        // Disposing the app stops DCP, which stops every child; give them their shutdown time.
        await watcher.DisposeAsync();
        await app.DisposeAsync();
        try
        {
            await Eventually.UntilAsync(() => Task.FromResult(!started.Any(LinuxProcesses.IsAlive)), timeoutMs: 60_000);
        }
        catch (TimeoutException)
        {
            Assert.Fail("processes of this run still alive after dispose:\n" + string.Join('\n', started.Where(LinuxProcesses.IsAlive)));
        }
    }

    private static bool IsSilo(ProcessInfo process) => process.CommandLine.EndsWith("/OpenClaw.Silo", StringComparison.Ordinal);

    // Everything DCP started for this run, and what runs under it (the apps under `dotnet run`, the store under `dotnet tool run`).
    private IReadOnlyList<ProcessInfo> Started() =>
        LinuxProcesses.Family(watcher.ProcessIds, p => p.CommandLine.Contains(dataPath, StringComparison.Ordinal));
}
