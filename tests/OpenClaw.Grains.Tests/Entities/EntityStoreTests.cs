using OpenClaw.Grains.Entities;
using OpenClaw.TestSupport;
using StackExchange.Redis;

// Not "OpenClaw.Grains.Tests.Entities": that would shadow OpenClaw.Grains.Entities for code in OpenClaw.Grains.Tests.* that writes "Entities.X".
namespace OpenClaw.Grains.Tests.EntityStorage;

/// <summary>One connection to the shared test server for the store tests.</summary>
public sealed class EntityStoreFixture : IAsyncLifetime
{
    private ConnectionMultiplexer? _mux;

    public EntityStore Store { get; private set; } = null!;

    public IConnectionMultiplexer Connection => _mux ?? throw new InvalidOperationException("not started");

    public IDatabase Database => Connection.GetDatabase();

    public async ValueTask InitializeAsync()
    {
        var redis = await SharedRedis.GetAsync();
        _mux = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        Store = new EntityStore(_mux);
    }

    public async ValueTask DisposeAsync()
    {
        if (_mux is not null)
        {
            await _mux.DisposeAsync();
        }
    }
}

[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class EntityStoreTests(EntityStoreFixture fixture) : IClassFixture<EntityStoreFixture>
{
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
    private readonly EntityStore _store = fixture.Store;
    private readonly string _shop = "shop-" + Guid.NewGuid().ToString("N");

    private static EntityVersion Order(string id, DateTimeOffset updated, string json) => new(EntityKind.Order, id, updated, json);

    [Fact]
    public async Task Upsert_NewEntity_InsertedAndReadBack()
    {
        var result = await _store.UpsertAsync(_shop, [Order("o1", T, """{"id":"o1","status":"UNPAID"}""")]);

        Assert.Equal(new UpsertResult(1, 0, 0, 0), result);
        Assert.Equal(1, result.Written);
        Assert.Equal(new StoredEntity("o1", T, """{"id":"o1","status":"UNPAID"}"""), await _store.GetAsync(_shop, EntityKind.Order, "o1"));
        // The documented layout other readers rely on: "<update_time unix s>|<json>" in the shop's hash of the kind.
        Assert.Equal("1767225600|{\"id\":\"o1\",\"status\":\"UNPAID\"}", (string?)await fixture.Database.HashGetAsync(EntityKeys.Hash(_shop, EntityKind.Order), "o1"));
    }

    [Fact]
    public async Task Get_Missing_Null() => Assert.Null(await _store.GetAsync(_shop, EntityKind.Order, "nope"));

    [Fact]
    public async Task Upsert_NewerUpdateTime_Replaces()
    {
        await _store.UpsertAsync(_shop, [Order("o1", T, """{"status":"UNPAID"}""")]);

        var result = await _store.UpsertAsync(_shop, [Order("o1", T.AddSeconds(1), """{"status":"AWAITING_SHIPMENT"}""")]);

        Assert.Equal(new UpsertResult(0, 1, 0, 0), result);
        Assert.Equal(new StoredEntity("o1", T.AddSeconds(1), """{"status":"AWAITING_SHIPMENT"}"""), await _store.GetAsync(_shop, EntityKind.Order, "o1"));
    }

    [Fact]
    public async Task Upsert_OlderUpdateTime_CountedStaleAndStoredValueUnchanged()
    {
        await _store.UpsertAsync(_shop, [Order("o1", T, """{"status":"IN_TRANSIT"}""")]);

        var result = await _store.UpsertAsync(_shop, [Order("o1", T.AddSeconds(-1), """{"status":"AWAITING_SHIPMENT"}""")]);

        Assert.Equal(new UpsertResult(0, 0, 0, 1), result);
        Assert.Equal(0, result.Written);
        Assert.Equal(new StoredEntity("o1", T, """{"status":"IN_TRANSIT"}"""), await _store.GetAsync(_shop, EntityKind.Order, "o1"));
    }

    [Fact]
    public async Task Upsert_OlderUpdateTimeWithMoreDigits_ComparedAsNumbersNotText()
    {
        // 999999999 < 1000000000 as numbers, but "999999999" > "1000000000" as text.
        var newer = DateTimeOffset.FromUnixTimeSeconds(1_000_000_000);
        await _store.UpsertAsync(_shop, [Order("o1", newer, """{"v":"newer"}""")]);

        var result = await _store.UpsertAsync(_shop, [Order("o1", DateTimeOffset.FromUnixTimeSeconds(999_999_999), """{"v":"older"}""")]);

        Assert.Equal(new UpsertResult(0, 0, 0, 1), result);
        Assert.Equal("""{"v":"newer"}""", (await _store.GetAsync(_shop, EntityKind.Order, "o1"))!.Json);
    }

    [Fact]
    public async Task Upsert_IdenticalVersion_Unchanged()
    {
        var version = Order("o1", T, """{"status":"UNPAID"}""");
        await _store.UpsertAsync(_shop, [version]);

        var result = await _store.UpsertAsync(_shop, [version, version with { }]);

        Assert.Equal(new UpsertResult(0, 0, 2, 0), result);
        Assert.Equal(new StoredEntity("o1", T, """{"status":"UNPAID"}"""), await _store.GetAsync(_shop, EntityKind.Order, "o1"));
    }

    [Fact]
    public async Task Upsert_SameUpdateTimeDifferentJson_Replaces()
    {
        await _store.UpsertAsync(_shop, [Order("o1", T, """{"tracking_number":null}""")]);

        var result = await _store.UpsertAsync(_shop, [Order("o1", T, """{"tracking_number":"TRK1"}""")]);

        Assert.Equal(new UpsertResult(0, 1, 0, 0), result);
        Assert.Equal("""{"tracking_number":"TRK1"}""", (await _store.GetAsync(_shop, EntityKind.Order, "o1"))!.Json);
    }

    [Fact]
    public async Task Upsert_SubSecondUpdateTimes_StoredInWholeSeconds()
    {
        await _store.UpsertAsync(_shop, [Order("o1", T.AddMilliseconds(900), """{"v":1}""")]);

        var result = await _store.UpsertAsync(_shop, [Order("o1", T.AddMilliseconds(100), """{"v":1}""")]);

        Assert.Equal(new UpsertResult(0, 0, 1, 0), result);
        Assert.Equal(T, (await _store.GetAsync(_shop, EntityKind.Order, "o1"))!.UpdateTime);
    }

    [Fact]
    public async Task Upsert_MixedKindsInOneBatch_EachInItsOwnHash()
    {
        EntityVersion[] batch =
        [
            Order("x1", T, """{"kind":"order"}"""),
            new(EntityKind.Product, "x1", T, """{"kind":"product"}"""),
            new(EntityKind.Return, "r1", T, """{"kind":"return"}"""),
            Order("o2", T, """{"kind":"order"}"""),
            new(EntityKind.Warehouse, "w1", DateTimeOffset.UnixEpoch, """{"kind":"warehouse"}"""),
        ];

        var result = await _store.UpsertAsync(_shop, batch);

        Assert.Equal(new UpsertResult(5, 0, 0, 0), result);
        Assert.Equal(2, await _store.CountAsync(_shop, EntityKind.Order));
        Assert.Equal(1, await _store.CountAsync(_shop, EntityKind.Product));
        Assert.Equal(1, await _store.CountAsync(_shop, EntityKind.Return));
        Assert.Equal(1, await _store.CountAsync(_shop, EntityKind.Warehouse));
        Assert.Equal(0, await _store.CountAsync(_shop, EntityKind.Package));
        Assert.Equal("""{"kind":"order"}""", (await _store.GetAsync(_shop, EntityKind.Order, "x1"))!.Json);
        Assert.Equal("""{"kind":"product"}""", (await _store.GetAsync(_shop, EntityKind.Product, "x1"))!.Json);
        Assert.Equal(DateTimeOffset.UnixEpoch, (await _store.GetAsync(_shop, EntityKind.Warehouse, "w1"))!.UpdateTime);
    }

    [Fact]
    public async Task Upsert_MixedOutcomesInOneBatch_CountedSeparately()
    {
        await _store.UpsertAsync(_shop, [Order("same", T, "{}"), Order("newer", T, "{}"), Order("older", T, "{}")]);

        var result = await _store.UpsertAsync(_shop,
            [Order("same", T, "{}"), Order("newer", T.AddMinutes(1), "{}"), Order("older", T.AddMinutes(-1), "{}"), Order("new", T, "{}")]);

        Assert.Equal(new UpsertResult(1, 1, 1, 1), result);
        Assert.Equal(2, result.Written);
    }

    [Fact]
    public async Task Upsert_SameIdTwiceInOneBatch_LaterNewerWinsOlderIsStale()
    {
        var result = await _store.UpsertAsync(_shop,
            [Order("o1", T, """{"v":1}"""), Order("o1", T.AddSeconds(5), """{"v":2}"""), Order("o1", T.AddSeconds(2), """{"v":"late"}""")]);

        Assert.Equal(new UpsertResult(1, 1, 0, 1), result);
        Assert.Equal(new StoredEntity("o1", T.AddSeconds(5), """{"v":2}"""), await _store.GetAsync(_shop, EntityKind.Order, "o1"));
    }

    [Fact]
    public async Task Upsert_FiveHundredItemsInOneCall_AllStored()
    {
        var batch = Enumerable.Range(0, 500).Select(i => Order($"o{i:D4}", T.AddSeconds(i), $$"""{"n":{{i}}}""")).ToList();

        var first = await _store.UpsertAsync(_shop, batch);
        var replay = await _store.UpsertAsync(_shop, batch);

        Assert.Equal(new UpsertResult(500, 0, 0, 0), first);
        Assert.Equal(new UpsertResult(0, 0, 500, 0), replay);
        Assert.Equal(500, await _store.CountAsync(_shop, EntityKind.Order));
        Assert.Equal(new StoredEntity("o0499", T.AddSeconds(499), """{"n":499}"""), await _store.GetAsync(_shop, EntityKind.Order, "o0499"));
    }

    [Fact]
    public async Task Upsert_EmptyBatch_WritesNothing()
    {
        Assert.Equal(default, await _store.UpsertAsync(_shop, []));
        Assert.Equal(0, await _store.CountAsync(_shop, EntityKind.Order));
    }

    [Fact]
    public async Task ReadAll_ManyEntities_ReturnsEachOnceWithItsVersion()
    {
        var batch = Enumerable.Range(0, 1200).Select(i => Order($"o{i}", T.AddSeconds(i), $$"""{"n":{{i}}}""")).ToList();
        await _store.UpsertAsync(_shop, batch);
        await _store.UpsertAsync(_shop, [new EntityVersion(EntityKind.Product, "p1", T, "{}")]);

        var read = new List<StoredEntity>();
        await foreach (var entity in _store.ReadAllAsync(_shop, EntityKind.Order).WithCancellation(TestContext.Current.CancellationToken))
        {
            read.Add(entity);
        }

        Assert.Equal(1200, read.Count);
        Assert.Equal(
            batch.Select(v => new StoredEntity(v.Id, v.UpdateTime, v.Json)).OrderBy(e => e.Id, StringComparer.Ordinal),
            read.OrderBy(e => e.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Count_CountsOneShopAndKind()
    {
        var other = "shop-" + Guid.NewGuid().ToString("N");
        await _store.UpsertAsync(_shop, [Order("o1", T, "{}"), Order("o2", T, "{}"), Order("o3", T, "{}")]);
        await _store.UpsertAsync(other, [Order("o1", T, "{}")]);
        await _store.UpsertAsync(_shop, [Order("o1", T.AddSeconds(1), "{}")]);

        Assert.Equal(3, await _store.CountAsync(_shop, EntityKind.Order));
        Assert.Equal(1, await _store.CountAsync(other, EntityKind.Order));
        Assert.Equal(0, await _store.CountAsync(_shop, EntityKind.Tracking));
    }

    [Fact]
    public async Task Purge_RemovesEveryKindOfThatShopOnly()
    {
        var other = "shop-" + Guid.NewGuid().ToString("N");
        EntityVersion[] everyKind = [.. EntityKind.All.Select(kind => new EntityVersion(kind, "id-1", T, "{}"))];
        await _store.UpsertAsync(_shop, everyKind);
        await _store.UpsertAsync(other, everyKind);

        var removed = await _store.PurgeAsync(_shop);

        Assert.Equal(EntityKind.All.Count, removed);
        foreach (var kind in EntityKind.All)
        {
            Assert.Equal(0, await _store.CountAsync(_shop, kind));
            Assert.Equal(1, await _store.CountAsync(other, kind));
        }

        Assert.Equal(0, await _store.PurgeAsync(_shop));
    }

    [Fact]
    public async Task Upsert_JsonWithPipesAndChinese_RoundTrips()
    {
        const string json = """{"title":"夏季新款|连衣裙 | 女装","reason":"图片|违规","empty":"||"}""";
        await _store.UpsertAsync(_shop, [new EntityVersion(EntityKind.Product, "商品-1", T, json)]);

        var stored = await _store.GetAsync(_shop, EntityKind.Product, "商品-1");
        var all = new List<StoredEntity>();
        await foreach (var entity in _store.ReadAllAsync(_shop, EntityKind.Product).WithCancellation(TestContext.Current.CancellationToken))
        {
            all.Add(entity);
        }

        Assert.Equal(new StoredEntity("商品-1", T, json), stored);
        Assert.Equal([new StoredEntity("商品-1", T, json)], all);
    }

    [Fact]
    public async Task Upsert_StoredJsonWithPipes_VersionStillComparedOnUpdateTime()
    {
        await _store.UpsertAsync(_shop, [Order("o1", T, """{"note":"a|1767225999|b"}""")]);

        var older = await _store.UpsertAsync(_shop, [Order("o1", T.AddSeconds(-1), """{"note":"older"}""")]);
        var newer = await _store.UpsertAsync(_shop, [Order("o1", T.AddSeconds(1), """{"note":"新|newer"}""")]);

        Assert.Equal(new UpsertResult(0, 0, 0, 1), older);
        Assert.Equal(new UpsertResult(0, 1, 0, 0), newer);
        Assert.Equal(new StoredEntity("o1", T.AddSeconds(1), """{"note":"新|newer"}"""), await _store.GetAsync(_shop, EntityKind.Order, "o1"));
    }
}
