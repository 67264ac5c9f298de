using OpenClaw.Grains.Sync.Tracking;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Api.Tests;

/// <summary>Issue 9: what the shop detail tells an operator about the shop's sync beyond the domains' status.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class ShopDetailTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TrackingWaitingForTheQuota_DetailShowsTheShopsBacklogSize()
    {
        var (_, key) = await steps.NewTenantAsync("admin");
        var shopId = fixture.ClaimShop();
        using (var simulator = fixture.NewSimulatorClient())
        {
            // Every tracking call of this shop fails (transiently), so what waits stays listed while the detail is read.
            await SimulatorAdmin.AddFaultAsync(simulator, new { kind = "error", code = 36009003, path_prefix = "/fulfillment/202309/orders/", shop_id = shopId }, Ct);
        }

        // Final packages whose tracking is still to fetch: three found by incremental sync, two by backfill (the shop's
        // own backfill may list more).
        var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        await using (redis)
        {
            var backlog = new TrackingBacklog(redis);
            var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await backlog.AddAsync(shopId,
                [.. Enumerable.Range(1, 5).Select(i => new PendingTracking($"57990000000000{i:D4}", $"11990000000000{i:D4}", at, Due: i <= 3))]);

            await steps.OnboardAsync(key, shopId);

            long shown = -1, listed = -1;
            await Eventually.TrueAsync(async () =>
            {
                shown = (await steps.ShopAsync(key, shopId)).Shop.GetProperty("pending_tracking").GetInt64();
                var (due, history) = await backlog.CountAsync(shopId);
                listed = due + history;
                return shown >= 5 && shown == listed;
            }, TimeSpan.FromMinutes(2), () => $"the detail shows {shown} orders waiting for tracking; {listed} are listed");
        }
    }
}
