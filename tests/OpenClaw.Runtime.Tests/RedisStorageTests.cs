using OpenClaw.Runtime.State;
using OpenClaw.Runtime.Tests.Grains;
using OpenClaw.Runtime.Tests.Support;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Runtime.Tests;

/// <summary>Grain storage against a real Redis-protocol server, in Orleans' Redis format.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RedisStorageTests
{
    private static readonly GrainId Grain = new("shop", "shop-42");

    [Fact]
    public async Task A_write_stores_orleans_format_hash_with_a_new_guid_etag_and_json_data()
    {
        var (redis, serviceId) = await ConnectAsync();
        var storage = new RedisGrainStorage(redis, serviceId);
        var state = new TestState<CounterState>(new CounterState { Count = 7 });

        await storage.WriteStateAsync("counter", Grain, state, CancellationToken.None);

        var hash = (await redis.GetDatabase().HashGetAllAsync($"{serviceId}/state/shop/shop-42/counter")).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        Assert.Equal(["data", "etag"], hash.Keys.Order());
        Assert.Equal("{\"Count\":7}", hash["data"]);
        Assert.Equal(state.ETag, hash["etag"]);
        Assert.Matches("^[0-9a-f]{32}$", hash["etag"]);
    }

    [Fact]
    public async Task Each_write_gets_a_new_etag_and_reads_return_state_and_etag()
    {
        var (redis, serviceId) = await ConnectAsync();
        var storage = new RedisGrainStorage(redis, serviceId);
        var state = new TestState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("counter", Grain, state, CancellationToken.None);
        var first = state.ETag;
        state.State.Count = 2;
        await storage.WriteStateAsync("counter", Grain, state, CancellationToken.None);
        Assert.NotEqual(first, state.ETag);

        var read = new TestState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", Grain, read, CancellationToken.None);
        Assert.True(read.RecordExists);
        Assert.Equal(2, read.State.Count);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Two_writers_racing_from_the_same_etag_exactly_one_wins()
    {
        var (redis, serviceId) = await ConnectAsync();
        var storage = new RedisGrainStorage(redis, serviceId);
        var seed = new TestState<CounterState>(new CounterState());
        await storage.WriteStateAsync("counter", Grain, seed, CancellationToken.None);

        for (var round = 0; round < 20; round++)
        {
            var a = new TestState<CounterState>(new CounterState());
            var b = new TestState<CounterState>(new CounterState());
            await storage.ReadStateAsync("counter", Grain, a, CancellationToken.None);
            await storage.ReadStateAsync("counter", Grain, b, CancellationToken.None);
            var results = await Task.WhenAll(
                Outcome(storage.WriteStateAsync("counter", Grain, a, CancellationToken.None)),
                Outcome(storage.WriteStateAsync("counter", Grain, b, CancellationToken.None)));
            Assert.Single(results, r => r is null);
            Assert.Single(results, r => r is InconsistentStateException);
        }
    }

    [Fact]
    public async Task A_first_write_with_an_etag_fails_when_nothing_is_stored_and_a_blind_write_fails_when_something_is()
    {
        var (redis, serviceId) = await ConnectAsync();
        var storage = new RedisGrainStorage(redis, serviceId);
        var stale = new TestState<CounterState>(new CounterState()) { ETag = "0123456789abcdef0123456789abcdef" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain, stale, CancellationToken.None));

        await storage.WriteStateAsync("counter", Grain, new TestState<CounterState>(new CounterState()), CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("counter", Grain, new TestState<CounterState>(new CounterState()), CancellationToken.None));
    }

    [Fact]
    public async Task Clear_keeps_a_tombstone_etag_so_a_stale_writer_still_fails()
    {
        var (redis, serviceId) = await ConnectAsync();
        var storage = new RedisGrainStorage(redis, serviceId);
        var owner = new TestState<CounterState>(new CounterState { Count = 5 });
        await storage.WriteStateAsync("counter", Grain, owner, CancellationToken.None);
        var stale = new TestState<CounterState>(new CounterState()) { ETag = owner.ETag };

        await storage.ClearStateAsync("counter", Grain, owner, CancellationToken.None);

        var hash = await redis.GetDatabase().HashGetAllAsync($"{serviceId}/state/shop/shop-42/counter");
        var field = Assert.Single(hash);
        Assert.Equal("etag", (string)field.Name!);
        Assert.Equal(owner.ETag, (string)field.Value!);
        Assert.False(owner.RecordExists);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain, stale, CancellationToken.None));

        var read = new TestState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", Grain, read, CancellationToken.None);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State.Count);
        await storage.WriteStateAsync("counter", Grain, read, CancellationToken.None);
    }

    [Fact]
    public async Task State_written_through_a_grain_is_the_orleans_hash_at_the_documented_key()
    {
        var server = await SharedRedis.GetAsync();
        var serviceId = "svc-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await InProcessSilo.StartLocalAsync(server.ConnectionString, serviceId);
        Assert.Equal(1, await silo.Grains.GetGrain<ITurnProbeGrain>("g/1").Increment());

        using var plain = server.Connect();
        var hash = (await plain.GetDatabase().HashGetAllAsync($"{serviceId}/state/turnprobe/g/1/counter")).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        Assert.Equal("{\"Count\":1}", hash["data"]);
        Assert.Equal(32, hash["etag"].Length);
    }

    [Fact]
    public async Task The_memory_provider_has_the_same_etag_rules()
    {
        var storage = new MemoryGrainStorage();
        var a = new TestState<CounterState>(new CounterState());
        var b = new TestState<CounterState>(new CounterState());
        await storage.WriteStateAsync("counter", Grain, a, CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain, b, CancellationToken.None));
        await storage.ClearStateAsync("counter", Grain, a, CancellationToken.None);
        await storage.ReadStateAsync("counter", Grain, b, CancellationToken.None);
        Assert.False(b.RecordExists);
        Assert.Equal(a.ETag, b.ETag);
    }

    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (InconsistentStateException ex)
        {
            return ex;
        }
    }

    private static async Task<(IConnectionMultiplexer Redis, string ServiceId)> ConnectAsync()
    {
        var server = await SharedRedis.GetAsync();
        return (Connections.GetOrAdd(server.ConnectionString, _ => server.Connect()), "svc-" + Guid.NewGuid().ToString("N")[..8]);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IConnectionMultiplexer> Connections = new();

    private sealed class TestState<T>(T state) : IGrainState<T>
    {
        public T State { get; set; } = state;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
