using System.Diagnostics;
using OpenClaw.Runtime.Tests.Support;
using OpenClaw.Runtime.TestSilo;
using OpenClaw.TestSupport;
using Xunit.Abstractions;

namespace OpenClaw.Runtime.Tests;

/// <summary>Three silo processes, 500 grains with timers; one silo is killed or stopped.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
[Collection(MultiSiloGroup.Name)]
public sealed class FailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int GrainCount = 500;
    private readonly string serviceId = "failover-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<SiloProcess> silos = [];
    private RedisServer server = null!;
    private ClusterClientHost client = null!;

    public async Task InitializeAsync()
    {
        server = await SharedRedis.GetAsync();
        for (var i = 0; i < 3; i++)
        {
            silos.Add(SiloProcess.Start(server.ConnectionString, serviceId));
        }

        using var redis = server.Connect();
        await ClusterProbe.WaitForBalanceAsync(redis, serviceId, 3, TimeSpan.FromSeconds(60));
        client = await ClusterClientHost.StartAsync(server.ConnectionString, serviceId);
    }

    public async Task DisposeAsync()
    {
        await client.DisposeAsync();
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_killed_silos_grains_answer_again_within_10_seconds_and_keep_every_acknowledged_write()
    {
        var victim = silos[0];
        var placed = await WarmUpAsync();
        Assert.Contains(victim.Port, placed);

        victim.Kill();
        var recovery = await AllAnswerAsync();
        output.WriteLine($"SIGKILL: every grain answered again after {recovery.TotalMilliseconds:0} ms");
        Assert.True(recovery < TimeSpan.FromSeconds(10), $"recovery took {recovery}");

        await AssertNoAcknowledgedWriteLostAsync();
        await AssertTimersRunAsync();
    }

    [Fact]
    public async Task A_gracefully_stopped_silos_grains_answer_again_within_2_seconds_with_their_state_flushed()
    {
        var victim = silos[1];
        var placed = await WarmUpAsync();
        Assert.Contains(victim.Port, placed);
        var buffered = Enumerable.Range(0, 100).Select(i => client.Client.GetGrain<IBufferedGrain>("buffered-" + i)).ToArray();
        await Task.WhenAll(buffered.Select((g, i) => g.Add(i + 1)));

        victim.Terminate();
        var recovery = await AllAnswerAsync();
        output.WriteLine($"SIGTERM: every grain answered again after {recovery.TotalMilliseconds:0} ms");
        Assert.True(recovery < TimeSpan.FromSeconds(2), $"handover took {recovery}");
        await victim.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, victim.ExitCode);

        // Buffered grains write only in OnDeactivateAsync: the stopping silo must have flushed them before leaving.
        var totals = await Task.WhenAll(buffered.Select(g => g.Total()));
        Assert.Equal(Enumerable.Range(1, 100), totals);

        await AssertNoAcknowledgedWriteLostAsync();
        await AssertTimersRunAsync();
    }

    private IWriterGrain Grain(int i) => client.Client.GetGrain<IWriterGrain>("writer-" + i);

    /// <summary>Activates every grain (starting its timer) and acknowledges two writes per grain.</summary>
    private async Task<HashSet<int>> WarmUpAsync()
    {
        var ports = await Task.WhenAll(Enumerable.Range(0, GrainCount).Select(i => Grain(i).Start()));
        await Task.WhenAll(Enumerable.Range(0, GrainCount).Select(async i =>
        {
            await Grain(i).Append(1);
            await Grain(i).Append(2);
        }));
        return [.. ports];
    }

    /// <summary>Time until every grain has answered a call (each retried until it does).</summary>
    private async Task<TimeSpan> AllAnswerAsync()
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, GrainCount).Select(async i =>
        {
            while (true)
            {
                try
                {
                    await Grain(i).Append(3);
                    return;
                }
                catch (Exception ex) when (ex is not InconsistentStateException && watch.Elapsed < TimeSpan.FromSeconds(30))
                {
                    // An in-flight call to the dead silo; the caller retries as an application would.
                    await Task.Delay(20);
                }
            }
        }));
        return watch.Elapsed;
    }

    private async Task AssertNoAcknowledgedWriteLostAsync()
    {
        var values = await Task.WhenAll(Enumerable.Range(0, GrainCount).Select(i => Grain(i).Values()));
        Assert.All(values, v => Assert.Equal([1, 2, 3], v));
    }

    private async Task AssertTimersRunAsync()
    {
        await Task.Delay(500);
        var where = await Task.WhenAll(Enumerable.Range(0, GrainCount).Select(i => Grain(i).Where()));
        Assert.All(where, w => Assert.True(w[1] > 0, "timer did not tick on the new activation"));
    }
}
