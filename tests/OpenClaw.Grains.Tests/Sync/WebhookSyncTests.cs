using System.Net.Http.Json;
using System.Text.Json;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>The simulator of <see cref="WebhookSyncTests"/>.</summary>
public sealed class WebhookSyncFixture : SyncFixture
{
    /// <inheritdoc />
    protected override int Seed => 904;

    /// <inheritdoc />
    public override int ShopCount => 1;
}

/// <summary>Issue 9: a webhook names one order; that order is fetched at once, ahead of (and without) the incremental window.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class WebhookSyncTests(WebhookSyncFixture fixture) : IClassFixture<WebhookSyncFixture>
{
    [Fact]
    public async Task Order_webhook_fetches_that_order_before_the_next_incremental_window()
    {
        var shops = await fixture.ConnectAllAsync("tenant-webhooks");
        await GroundTruth.WaitCaughtUpAsync(fixture, shops, TimeSpan.FromMinutes(3));
        var grain = fixture.Cluster.Client.GetGrain<IShopGrain>(shops[0]);
        await fixture.SyncDailyAsync(grain);

        // Two hours on, several orders changed; incremental sync is a day away.
        await fixture.AdvanceAsync(TimeSpan.FromHours(2));
        var changed = await ChangedOrdersAsync(shops[0]);
        Assert.True(changed.Count >= 2, "the simulator changed fewer than two orders in two hours; pick a busier seed");

        var (orderId, truth) = changed[0];
        await grain.HandleWebhookAsync(new ShopWebhook("n-1", 1, OrderId: orderId));
        await Eventually.TrueAsync(async () => (await fixture.Store.GetAsync(shops[0], EntityKind.Order, orderId))?.UpdateTime.ToUnixTimeSeconds() == truth,
            TimeSpan.FromSeconds(20), () => $"order {orderId} was not fetched");

        // Only the named order moved: the others still wait for their window.
        Assert.Equal(changed.Count - 1, (await ChangedOrdersAsync(shops[0])).Count);
        var report = await grain.GetSyncReportAsync();
        Assert.Equal(0, report.PendingTargeted);
    }

    // Orders whose stored update_time differs from the truth's, with the truth's update_time.
    private async Task<List<(string Id, long UpdateTime)>> ChangedOrdersAsync(string shopId)
    {
        var truth = await fixture.Simulator.GetFromJsonAsync<JsonElement>($"/_sim/truth/{shopId}/entities?kind=orders");
        var result = new List<(string, long)>();
        foreach (var item in truth.GetProperty("items").EnumerateArray())
        {
            var id = item.GetProperty("id").GetString()!;
            var ut = item.GetProperty("update_time").GetInt64();
            if ((await fixture.Store.GetAsync(shopId, EntityKind.Order, id))?.UpdateTime.ToUnixTimeSeconds() != ut)
            {
                result.Add((id, ut));
            }
        }

        return result;
    }
}
