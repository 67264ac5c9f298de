using System.Text.Json;
using OpenClaw.Runtime.Tests.Support;
using OpenClaw.Runtime.TestSilo;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Runtime.Tests;

/// <summary>Durable reminders.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
[Collection(MultiSiloGroup.Name)]
public sealed class ReminderTests
{
    private const int GrainCount = 20;

    [Fact]
    public async Task Reminders_fire_again_after_the_whole_cluster_is_killed_and_restarted()
    {
        var server = await SharedRedis.GetAsync();
        var serviceId = "reminders-" + Guid.NewGuid().ToString("N")[..8];
        using var redis = server.Connect();

        var first = new[] { SiloProcess.Start(server.ConnectionString, serviceId), SiloProcess.Start(server.ConnectionString, serviceId) };
        await ClusterProbe.WaitForBalanceAsync(redis, serviceId, 2, TimeSpan.FromSeconds(60));
        await using (var client = await ClusterClientHost.StartAsync(server.ConnectionString, serviceId))
        {
            await Task.WhenAll(Enumerable.Range(0, GrainCount).Select(i => client.Client.GetGrain<IReminderGrain>("r-" + i).Register(TimeSpan.FromSeconds(1))));
            await WaitForTicksAsync(redis, serviceId, atLeast: _ => 1);
        }

        foreach (var silo in first)
        {
            silo.Kill();
            await silo.DisposeAsync();
        }

        var before = await TicksAsync(redis, serviceId);
        var second = new[] { SiloProcess.Start(server.ConnectionString, serviceId), SiloProcess.Start(server.ConnectionString, serviceId) };
        try
        {
            // Nobody calls the grains: only their reminders can activate them and move the counts.
            await WaitForTicksAsync(redis, serviceId, atLeast: i => before[i] + 2);
        }
        finally
        {
            foreach (var silo in second)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_reminder_period_below_the_minimum_is_rejected()
    {
        await using var silo = await InProcessSilo.StartLocalAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => silo.Grains.GetGrain<IReminderGrain>("short").Register(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task A_reminder_fires_in_a_single_process_silo()
    {
        await using var silo = await InProcessSilo.StartLocalAsync();
        var grain = silo.Grains.GetGrain<IReminderGrain>("local");
        await grain.Register(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(async () => await grain.Ticks() >= 2);
    }

    private static async Task WaitForTicksAsync(IConnectionMultiplexer redis, string serviceId, Func<int, int> atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var ticks = await TicksAsync(redis, serviceId);
            if (Enumerable.Range(0, GrainCount).All(i => ticks[i] >= atLeast(i)))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "reminders did not fire: " + string.Join(",", ticks));
            await Task.Delay(200);
        }
    }

    private static async Task<int[]> TicksAsync(IConnectionMultiplexer redis, string serviceId)
    {
        var ticks = new int[GrainCount];
        for (var i = 0; i < GrainCount; i++)
        {
            var data = await redis.GetDatabase().HashGetAsync($"{serviceId}/state/reminder/r-{i}/reminders", "data");
            ticks[i] = data.IsNull ? 0 : JsonDocument.Parse((string)data!).RootElement.GetProperty("Ticks").GetInt32();
        }

        return ticks;
    }
}
