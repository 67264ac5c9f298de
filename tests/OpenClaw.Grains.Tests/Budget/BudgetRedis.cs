using System.Diagnostics;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Budget;

/// <summary>
/// The server the budget tests run on. The budget needs each Lua script to run atomically, as redis-server always does.
/// Garnet does so only with <c>--lua-transaction-mode true</c>: with <c>--lua true</c> alone, concurrent scripts
/// interleave command by command (a probe of 400 concurrent check-and-takes on a 10-token bucket granted 30). So on
/// Garnet (the default) these tests start their own Garnet with that flag, once per test process; with
/// <c>OPENCLAW_TEST_REDIS=redis</c> they use the shared redis-server.
/// </summary>
internal static class BudgetRedis
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Opens a connection to the budget tests' server (started on first call).</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var endpoint = await Server.Value;
        return await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { endpoint }, AbortOnConnectFail = false, ConnectTimeout = 5000 });
    }

    private static async Task<string> StartAsync()
    {
        if (RedisServer.KindFromEnvironment == RedisServerKind.Redis)
        {
            return (await SharedRedis.GetAsync()).ConnectionString;
        }

        await using (var restore = ChildProcess.Start(new ProcessStartInfo("dotnet", "tool restore") { WorkingDirectory = RepositoryRoot.FullPath }))
        {
            await restore.WaitForExitAsync(TimeSpan.FromMinutes(2));
        }

        var port = FreePort.Next();
        var garnet = ChildProcess.Start(new ProcessStartInfo("dotnet",
            $"garnet-server --port {port} --bind 127.0.0.1 --lua true --lua-transaction-mode true -m 128m --index 16m")
        {
            WorkingDirectory = RepositoryRoot.FullPath,
        });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await RedisProbe.PingsAsync(port))
        {
            if (garnet.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Garnet (--lua-transaction-mode true) did not answer PING on port {port}; run 'dotnet tool restore'.\n{garnet.Tail()}");
            }

            await Task.Delay(100);
        }

        // Killed with the test process (ChildProcess kills its children at exit).
        return $"127.0.0.1:{port}";
    }
}
