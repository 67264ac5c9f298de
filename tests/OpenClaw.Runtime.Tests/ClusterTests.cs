using System.Collections.Concurrent;
using System.Diagnostics;
using OpenClaw.Runtime.Tests.Grains;
using OpenClaw.Runtime.Tests.Support;
using OpenClaw.TestSupport;

namespace OpenClaw.Runtime.Tests;

/// <summary>Three in-process silos on separate ports sharing one Redis: routing, single activation, trace context.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
[Collection(MultiSiloGroup.Name)]
public sealed class ClusterTests : IAsyncLifetime
{
    private readonly string serviceId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<InProcessSilo> silos = [];
    private RedisServer server = null!;
    private ClusterClientHost client = null!;

    public async Task InitializeAsync()
    {
        server = await SharedRedis.GetAsync();
        for (var i = 0; i < 3; i++)
        {
            silos.Add(await InProcessSilo.StartClusteredAsync(server.ConnectionString, serviceId));
        }

        client = await ClusterClientHost.StartAsync(server.ConnectionString, serviceId);
        await WaitForBalanceAsync();
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
    public async Task Shards_are_spread_over_all_silos_and_every_shard_has_one_owner()
    {
        using var redis = server.Connect();
        var owners = new Dictionary<string, int>();
        for (var shard = 0; shard < 256; shard++)
        {
            var lease = (string?)await redis.GetDatabase().StringGetAsync($"{serviceId}/cluster/test/lease/{shard}");
            Assert.NotNull(lease);
            var silo = lease![..lease.LastIndexOf('|')];
            owners[silo] = owners.GetValueOrDefault(silo) + 1;
        }

        Assert.Equal(3, owners.Count);
        Assert.All(owners.Values, count => Assert.InRange(count, 40, 130));
    }

    [Fact]
    public async Task Calls_from_a_client_and_from_any_silo_reach_the_same_activation()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            var key = "same-" + i;
            ids.Clear();
            ids.Add(await client.Client.GetGrain<ITurnProbeGrain>(key).ActivationId());
            foreach (var silo in silos)
            {
                ids.Add(await silo.Grains.GetGrain<ITurnProbeGrain>(key).ActivationId());
            }

            Assert.Single(ids);
        }
    }

    [Fact]
    public async Task Remote_calls_carry_results_arguments_and_exceptions()
    {
        var grain = client.Client.GetGrain<ILifecycleGrain>("remote-1");
        Assert.Equal("hello zoë from remote-1", await grain.Hello("zoë"));
        var probe = client.Client.GetGrain<ITurnProbeGrain>("remote-2");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => probe.Fail());
        Assert.Equal("grain says no", error.Message);
        await probe.Reset();
        Assert.Equal(0, await probe.Overlaps());
    }

    [Fact]
    public async Task A_remote_call_continues_the_callers_trace()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "OpenClaw.Runtime",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var root = new Activity("test-root").SetIdFormat(ActivityIdFormat.W3C).Start();

        await client.Client.GetGrain<ILifecycleGrain>("traced").Hello("t");

        var clientSpan = Assert.Single(spans, s => s.Kind == ActivityKind.Client && s.TraceId == root.TraceId && s.OperationName == "ILifecycleGrain/Hello");
        var serverSpan = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.OperationName == "ILifecycleGrain/Hello" && s.TraceId == root.TraceId);
        Assert.Equal(clientSpan.SpanId, serverSpan.ParentSpanId);
    }

    [Fact]
    public async Task Concurrent_callers_on_three_silos_never_see_two_activations_of_one_grain_even_while_a_fourth_joins()
    {
        const int Callers = 1000;
        const int Grains = 200;
        var progress = 0;
        var joined = new TaskCompletionSource();
        var join = Task.Run(async () =>
        {
            while (Volatile.Read(ref progress) < Callers * Grains / 4)
            {
                await Task.Delay(10);
            }

            // A silo joining mid-run takes a quarter of the shards: handovers under load.
            silos.Add(await InProcessSilo.StartClusteredAsync(server.ConnectionString, serviceId));
            joined.SetResult();
        });
        var callers = Enumerable.Range(0, Callers).Select(async caller =>
        {
            // Each caller goes through one silo (round-robin) and touches every grain id once.
            var factory = silos[caller % silos.Count].Grains;
            for (var g = 0; g < Grains; g++)
            {
                var key = "single-" + ((g + caller) % Grains);
                await factory.GetGrain<ISingleActivationGrain>(key).Touch();
                Interlocked.Increment(ref progress);
            }
        });
        await Task.WhenAll(callers);
        Assert.True(joined.Task.IsCompleted, "the fourth silo joined only after the callers finished");
        await join;
        using (var redis = server.Connect())
        {
            await ClusterProbe.WaitForBalanceAsync(redis, serviceId, 4, TimeSpan.FromSeconds(30));
        }

        Assert.Equal(0, SingleActivationGrain.Violations);
        var total = 0;
        for (var g = 0; g < Grains; g++)
        {
            total += await client.Client.GetGrain<ISingleActivationGrain>("single-" + g).Touch() - 1;
        }

        Assert.Equal(Callers * Grains, total);
    }

    private async Task WaitForBalanceAsync()
    {
        using var redis = server.Connect();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var owners = new HashSet<string>();
            var complete = true;
            for (var shard = 0; shard < 256 && complete; shard++)
            {
                var lease = (string?)await redis.GetDatabase().StringGetAsync($"{serviceId}/cluster/test/lease/{shard}");
                complete = lease is not null;
                if (lease is not null)
                {
                    owners.Add(lease[..lease.LastIndexOf('|')]);
                }
            }

            if (complete && owners.Count == 3)
            {
                await Task.Delay(1500); // let every table refresh
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "cluster did not balance");
            await Task.Delay(100);
        }
    }
}
