using OpenClaw.Grains.Shops;

namespace OpenClaw.Grains.Tests.Shops;

/// <summary>
/// One shop, many callers on every silo at once: Orleans must keep a single activation, so every write is
/// applied exactly once, in some order, by the same silo.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class ShopGrainConcurrencyTests(ClusterFixture fixture)
{
    private const int Writers = 500;

    [Fact]
    public async Task UpdateSettings_500ConcurrentCallersOnBothSilosAndTheClient_EveryAcknowledgedWriteCountedOnce()
    {
        var shopId = fixture.NewShop().GetPrimaryKeyString();
        var connected = await fixture.Cluster.Client.GetGrain<IShopGrain>(shopId).ConnectAsync(new("tenant-a", "Busy shop", "SG"));
        var callers = fixture.Callers;
        Assert.Equal(3, callers.Count);

        // Every call is issued before any is awaited, round-robin over the client and both silos' grain factories.
        var calls = Enumerable.Range(0, Writers)
            .Select(i => callers[i % callers.Count].GetGrain<IShopGrain>(shopId)
                .UpdateSettingsAsync(new ShopSettings("Asia/Singapore", [$"writer-{i:D3}"], Paused: false)))
            .ToList();
        var acknowledged = await Task.WhenAll(calls);

        var final = await fixture.Cluster.Client.GetGrain<IShopGrain>(shopId).GetAsync();
        Assert.Equal(connected.Revision + acknowledged.Length, final.Revision);

        // Exactly the revisions connected+1 … connected+500, each handed out once: no write was lost or doubled.
        Assert.Equal(
            Enumerable.Range(1, Writers).Select(i => connected.Revision + i),
            acknowledged.Select(s => s.Revision).Order());

        // One activation answered all of them, on one silo.
        Assert.Single(acknowledged.Append(final).Append(connected).Select(s => s.Silo).Distinct());

        // The stored settings are those of the write acknowledged last.
        var last = acknowledged.MaxBy(s => s.Revision)!;
        Assert.Equal(last.Settings.Tags, final.Settings.Tags);
    }

    [Fact]
    public async Task Get_FromEverySilo_AnswersFromTheSameActivation()
    {
        var shopId = fixture.NewShop().GetPrimaryKeyString();
        await fixture.Cluster.Client.GetGrain<IShopGrain>(shopId).ConnectAsync(new("tenant-a", "Shop", "TH"));

        var snapshots = await Task.WhenAll(fixture.Callers.SelectMany(c => Enumerable.Range(0, 20).Select(_ => c.GetGrain<IShopGrain>(shopId).GetAsync())));

        Assert.Single(snapshots.Select(s => s.Silo).Distinct());
        Assert.Contains(snapshots[0].Silo, fixture.Cluster.Silos.Select(s => s.SiloAddress.ToString()));
    }
}
