using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>The simulator of <see cref="TokenSyncTests"/>.</summary>
public sealed class TokenSyncFixture : SyncFixture
{
    /// <inheritdoc />
    protected override int Seed => 903;

    /// <inheritdoc />
    public override int ShopCount => 3;
}

/// <summary>Issue 9: tokens stay alive across expiry with one refresh per shop; a revoked authorization is noticed within one sync cycle.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class TokenSyncTests(TokenSyncFixture fixture) : IClassFixture<TokenSyncFixture>
{
    [Fact]
    public async Task Token_expiry_under_100_concurrent_calls_refreshes_once_and_revocation_needs_reauthorization()
    {
        var shops = await fixture.ConnectAllAsync("tenant-tokens");
        await GroundTruth.WaitCaughtUpAsync(fixture, shops, TimeSpan.FromMinutes(3));
        var grain = fixture.Cluster.Client.GetGrain<IShopGrain>(shops[0]);
        var before = await grain.GetSyncReportAsync();
        Assert.Equal("Valid", before.Token.Status);

        // Eight days on, every access token (7 days) has expired; 100 callers hit one shop at once.
        fixture.Requests.Clear();
        await fixture.AdvanceAsync(TimeSpan.FromDays(8));
        var orderIds = new List<string>();
        await foreach (var order in fixture.Store.ReadAllAsync(shops[0], Entities.EntityKind.Order))
        {
            orderIds.Add(order.Id);
        }

        var calls = orderIds.Take(100).Select((id, i) => i % 10 == 0
            ? grain.SyncNowAsync()
            : grain.HandleWebhookAsync(new ShopWebhook("n-" + i, 1, OrderId: id)));
        await Task.WhenAll(calls);
        await GroundTruth.WaitCaughtUpAsync(fixture, shops, TimeSpan.FromMinutes(3));
        Assert.Equal(shops.Count, fixture.Requests.Refreshes);
        var after = await grain.GetSyncReportAsync();
        Assert.Equal("Valid", after.Token.Status);
        Assert.True(after.Token.AccessTokenExpiresAt > before.Token.AccessTokenExpiresAt, "the access token was not renewed");
        Assert.Empty(await GroundTruth.DifferencesAsync(fixture, shops));

        // The seller revokes the app: the next sync call fails (101000), one refresh attempt answers 36004005.
        var revoked = fixture.Cluster.Client.GetGrain<IShopGrain>(shops[1]);
        await fixture.AdminAsync(HttpMethod.Post, "/_sim/auth/revoke", new { shop_id = shops[1] });
        await fixture.AdvanceAsync(TimeSpan.FromHours(1));
        await revoked.SyncNowAsync();
        ShopSyncReport report = null!;
        await Eventually.TrueAsync(async () =>
        {
            // The report is read interleaved with the grain's turn: wait for the status and its event together.
            report = await revoked.GetSyncReportAsync();
            return report.Shop.Status == ShopStatus.NeedsReauthorization && report.RecentEvents.Any(e => e.Kind == ShopEventKind.NeedsReauthorization);
        }, TimeSpan.FromSeconds(30), () => $"status {report.Shop.Status}, token {report.Token}, events {report.RecentEvents.Count}");
        Assert.Equal("NeedsReauthorization", report.Token.Status);
        Assert.Contains(report.RecentEvents, e => e.Kind == ShopEventKind.NeedsReauthorization && e.ErrorCode == 36004005);

        // Authorizing again (a new code) brings the shop back.
        await fixture.Cluster.Client.GetGrain<Tenants.ITenantGrain>("tenant-tokens").ConnectWithAuthCodeAsync(await fixture.AuthCodeAsync(shops[1]));
        Assert.Equal(ShopStatus.Active, (await revoked.GetAsync()).Status);
        await GroundTruth.WaitCaughtUpAsync(fixture, [shops[1]], TimeSpan.FromMinutes(2));
    }
}
