using System.Text.Json.Nodes;
using OpenClaw.Grains.Shops;
using OpenClaw.Silo.Tests.Cluster;
using OpenClaw.TestSupport;
using Orleans.Storage;
using StackExchange.Redis;
using static OpenClaw.Silo.Tests.SiloTestContext;

namespace OpenClaw.Silo.Tests;

/// <summary>
/// Someone else writes a shop's state in Redis behind the grain's back (a duplicate activation in a split brain,
/// an operator's script): the grain's etag is stale, so its next write must fail instead of overwriting.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class StorageConflictTests : IAsyncLifetime
{
    private SiloCluster cluster = null!;
    private IDatabase redis = null!;
    private OrleansClient client = null!;
    private string shopId = null!;
    private IShopGrain shop = null!;

    // Each test: one silo, a connected shop whose settings were written once (revision 2, time zone Kuala Lumpur).
    public async ValueTask InitializeAsync()
    {
        (cluster, redis) = await NewClusterAsync();
        await cluster.StartSiloAsync(Cancellation);
        client = await cluster.ConnectClientAsync(ResponseTimeout, Cancellation);
        shopId = await ConnectShopAsync(client.Client);
        shop = client.Client.GetGrain<IShopGrain>(shopId);
        await shop.UpdateSettingsAsync(new ShopSettings("Asia/Kuala_Lumpur", ["stored"], Paused: false));
    }

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task UpdateSettings_StoredStateChangedBehindTheGrain_FailsWithoutOverwritingAndNextCallSeesStoredData()
    {
        // The other writer: same record, its own tags and revision, and a new etag.
        var theirs = (await StoredShop.ReadAsync(redis, cluster.ServiceId, shopId))!;
        Assert.Equal(2, theirs["Revision"]!.GetValue<long>());
        theirs["Tags"] = new JsonArray("theirs");
        theirs["Revision"] = 40;
        await StoredShop.OverwriteAsync(redis, cluster.ServiceId, shopId, theirs);
        var theirETag = await StoredShop.ReadETagAsync(redis, cluster.ServiceId, shopId);

        await Assert.ThrowsAsync<InconsistentStateException>(() => shop.UpdateSettingsAsync(new ShopSettings("UTC", ["lost-update"], Paused: true)));

        var stored = (await StoredShop.ReadAsync(redis, cluster.ServiceId, shopId))!;
        Assert.Equal(theirETag, await StoredShop.ReadETagAsync(redis, cluster.ServiceId, shopId));
        Assert.Equal(["theirs"], stored["Tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("Asia/Kuala_Lumpur", stored["TimeZone"]!.GetValue<string>());

        // Orleans deactivated the activation whose write conflicted; the next one reads what is stored.
        var after = await shop.GetAsync();
        Assert.Equal(40, after.Revision);
        Assert.Equal(["theirs"], after.Settings.Tags);
        Assert.Equal(ShopStatus.Active, after.Status);

        // And writes again from there.
        var next = await shop.UpdateSettingsAsync(new ShopSettings("UTC", ["ours-again"], Paused: false));
        Assert.Equal(41, next.Revision);
        Assert.Equal(41, await StoredShop.ReadRevisionAsync(redis, cluster.ServiceId, shopId));
    }

    [Fact]
    public async Task UpdateSettings_StoreRefusesTheWrite_FailsAndNextCallShowsWhatIsStored()
    {
        // Make Redis refuse the next write with a plain error (WRONGTYPE), not an etag conflict: the key becomes a
        // string for a moment, then the original hash is put back as it was.
        var key = StoredShop.Key(cluster.ServiceId, shopId);
        var original = await redis.HashGetAllAsync(key);
        await redis.KeyDeleteAsync(key);
        await redis.StringSetAsync(key, "not a hash");

        await Assert.ThrowsAnyAsync<Exception>(() => shop.UpdateSettingsAsync(new ShopSettings("UTC", ["unsaved"], Paused: true)));

        await redis.KeyDeleteAsync(key);
        await redis.HashSetAsync(key, original);

        // The grain must not answer with the change it failed to store.
        var after = await shop.GetAsync();
        Assert.Equal(["stored"], after.Settings.Tags);
        Assert.Equal("Asia/Kuala_Lumpur", after.Settings.TimeZone);
        Assert.Equal(ShopStatus.Active, after.Status);
        Assert.Equal(2, after.Revision);
    }
}
