using OpenClaw.Grains.Shops;

namespace OpenClaw.Grains.Tests.Shops;

/// <summary>What a tenant sees when it connects, configures, pauses and disconnects a shop.</summary>
[Collection(SharedCluster.Name)]
public sealed class ShopGrainTests(ClusterFixture fixture)
{
    private static readonly ShopRegistration TenantA = new("tenant-a", "  时尚小店 Official  ", "us");
    private static readonly ShopRegistration TenantB = new("tenant-b", "Another agency's name", "GB");

    [Fact]
    public async Task Connect_NewShop_ActiveInItsRegionsTimeZoneAtFirstRevision()
    {
        var shop = fixture.NewShop();

        var snapshot = await shop.ConnectAsync(TenantA);

        Assert.Equal(shop.GetPrimaryKeyString(), snapshot.ShopId);
        Assert.Equal("tenant-a", snapshot.TenantId);
        Assert.Equal("时尚小店 Official", snapshot.ShopName);
        Assert.Equal("US", snapshot.Region);
        Assert.Equal(ShopStatus.Active, snapshot.Status);
        Assert.Equal("America/Los_Angeles", snapshot.Settings.TimeZone);
        Assert.Empty(snapshot.Settings.Tags);
        Assert.False(snapshot.Settings.Paused);
        Assert.Equal(1, snapshot.Revision);
        Assert.Equal(fixture.Clock.GetUtcNow(), snapshot.ConnectedAt);
        Assert.NotEmpty(snapshot.Silo);
    }

    [Fact]
    public async Task Get_UnknownShop_NotConnectedAndNothingWritten()
    {
        var snapshot = await fixture.NewShop().GetAsync();

        Assert.Equal(ShopStatus.NotConnected, snapshot.Status);
        Assert.Equal(0, snapshot.Revision);
        Assert.Null(snapshot.ConnectedAt);
    }

    [Fact]
    public async Task Connect_ShopOfAnotherTenant_RejectedAndOwnerKept()
    {
        var shop = fixture.NewShop();
        await shop.ConnectAsync(TenantA);

        await Assert.ThrowsAsync<InvalidOperationException>(() => shop.ConnectAsync(TenantB));

        var stored = await ReloadAsync(shop);
        Assert.Equal("tenant-a", stored.TenantId);
        Assert.Equal("US", stored.Region);
        Assert.Equal(1, stored.Revision);
    }

    [Fact]
    public async Task Connect_RacingTenants_ExactlyOneOwnsTheShop()
    {
        var shop = fixture.NewShop();
        var attempts = Enumerable.Range(0, 40).Select(i =>
        {
            var caller = fixture.Callers[i % fixture.Callers.Count].GetGrain<IShopGrain>(shop.GetPrimaryKeyString());
            return Try(() => caller.ConnectAsync(i % 2 == 0 ? TenantA : TenantB));
        });

        var results = await Task.WhenAll(attempts);

        var owner = (await shop.GetAsync()).TenantId;
        Assert.All(results.Where(r => r.Snapshot is not null), r => Assert.Equal(owner, r.Snapshot!.TenantId));
        Assert.All(results.Where(r => r.Error is not null), r => Assert.IsType<InvalidOperationException>(r.Error));
        Assert.Equal(20, results.Count(r => r.Snapshot is not null));
    }

    [Fact]
    public async Task Connect_SameTenantAgain_KeepsSettingsAndFirstConnectionTime()
    {
        var shop = fixture.NewShop();
        var first = await shop.ConnectAsync(TenantA);
        await shop.UpdateSettingsAsync(new ShopSettings("Asia/Shanghai", ["vip"], Paused: false));
        fixture.Clock.Advance(TimeSpan.FromHours(3));

        var again = await shop.ConnectAsync(TenantA with { ShopName = "Renamed" });

        Assert.Equal("Renamed", again.ShopName);
        Assert.Equal("Asia/Shanghai", again.Settings.TimeZone);
        Assert.Equal(["vip"], again.Settings.Tags);
        Assert.Equal(first.ConnectedAt, again.ConnectedAt);
        Assert.Equal(3, again.Revision);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "ok")]
    [InlineData("Asia/Shanghai", "")]
    [InlineData("Asia/Shanghai", "a-tag-that-is-far-too-long-to-be-a-label-anyone-would-filter-shops-by")]
    public async Task UpdateSettings_Invalid_RejectedAndNothingStoredChanges(string zone, string tag)
    {
        var shop = fixture.NewShop();
        await shop.ConnectAsync(TenantA);
        var before = await shop.UpdateSettingsAsync(new ShopSettings("Europe/Berlin", ["kept"], Paused: false));

        await Assert.ThrowsAsync<ArgumentException>(() => shop.UpdateSettingsAsync(new ShopSettings(zone, [tag], Paused: true)));

        foreach (var after in new[] { await shop.GetAsync(), await ReloadAsync(shop) })
        {
            Assert.Equal(before.Revision, after.Revision);
            Assert.Equal(before.Settings.TimeZone, after.Settings.TimeZone);
            Assert.Equal(before.Settings.Tags, after.Settings.Tags);
            Assert.Equal(ShopStatus.Active, after.Status);
        }
    }

    [Fact]
    public async Task UpdateSettingsIf_RevisionMovedOn_NothingChanges_CurrentRevisionApplies()
    {
        var shop = fixture.NewShop();
        var connected = await shop.ConnectAsync(TenantA);
        var first = await shop.UpdateSettingsIfAsync(new ShopSettings("Asia/Tokyo", ["first"], Paused: false), connected.Revision);

        var stale = await shop.UpdateSettingsIfAsync(new ShopSettings("UTC", ["second"], Paused: true), connected.Revision);

        Assert.True(first.Applied);
        Assert.False(stale.Applied);
        Assert.Equal(first.Shop.Revision, stale.Shop.Revision);
        var stored = await ReloadAsync(shop);
        Assert.Equal(["first"], stored.Settings.Tags);
        Assert.Equal(ShopStatus.Active, stored.Status);
        Assert.True((await shop.UpdateSettingsIfAsync(stored.Settings with { Tags = ["third"] }, stored.Revision)).Applied);
    }

    [Fact]
    public async Task UpdateSettings_NotConnected_Rejected()
    {
        var shop = fixture.NewShop();

        await Assert.ThrowsAsync<InvalidOperationException>(() => shop.UpdateSettingsAsync(new ShopSettings("UTC", [], Paused: false)));

        Assert.Equal(0, (await ReloadAsync(shop)).Revision);
    }

    [Fact]
    public async Task UpdateSettings_PauseThenResume_StatusFollowsAndSurvivesReactivation()
    {
        var shop = fixture.NewShop();
        await shop.ConnectAsync(TenantA);

        var paused = await shop.UpdateSettingsAsync(new ShopSettings("America/New_York", ["night-shift"], Paused: true));
        var pausedStored = await ReloadAsync(shop);
        var resumed = await shop.UpdateSettingsAsync(pausedStored.Settings with { Paused = false });

        Assert.Equal(ShopStatus.Paused, paused.Status);
        Assert.True(paused.Settings.Paused);
        Assert.Equal(ShopStatus.Paused, pausedStored.Status);
        Assert.Equal("America/New_York", pausedStored.Settings.TimeZone);
        Assert.Equal(ShopStatus.Active, resumed.Status);
        Assert.Equal(["night-shift"], resumed.Settings.Tags);
        Assert.Equal(3, resumed.Revision);
    }

    [Fact]
    public async Task Disconnect_ConnectedShop_SettingsStayReadableAndWritesRejected()
    {
        var shop = fixture.NewShop();
        await shop.ConnectAsync(TenantA);
        await shop.UpdateSettingsAsync(new ShopSettings("Asia/Tokyo", ["kept"], Paused: false));

        var disconnected = await shop.DisconnectAsync();

        Assert.Equal(ShopStatus.Disconnected, disconnected.Status);
        var stored = await ReloadAsync(shop);
        Assert.Equal(ShopStatus.Disconnected, stored.Status);
        Assert.Equal("Asia/Tokyo", stored.Settings.TimeZone);
        Assert.Equal(["kept"], stored.Settings.Tags);
        await Assert.ThrowsAsync<InvalidOperationException>(() => shop.UpdateSettingsAsync(new ShopSettings("UTC", [], Paused: false)));
        Assert.Equal(disconnected.Revision, (await shop.DisconnectAsync()).Revision);
    }

    [Fact]
    public async Task Connect_AfterDisconnect_AnotherTenantTakesItOverWithItsRegionDefaults()
    {
        var shop = fixture.NewShop();
        await shop.ConnectAsync(TenantA);
        await shop.DisconnectAsync();

        var taken = await shop.ConnectAsync(TenantB);

        Assert.Equal("tenant-b", taken.TenantId);
        Assert.Equal(ShopStatus.Active, taken.Status);
        Assert.Equal("Europe/London", taken.Settings.TimeZone);
    }

    [Fact]
    public async Task Disconnect_NeverConnected_ChangesNothing()
    {
        var shop = fixture.NewShop();

        var snapshot = await shop.DisconnectAsync();

        Assert.Equal(ShopStatus.NotConnected, snapshot.Status);
        Assert.Equal(0, (await ReloadAsync(shop)).Revision);
    }

    [Fact]
    public async Task Reminder_ConnectedShop_FiresAndRecordsTheGrainClocksTime()
    {
        var shop = fixture.NewShop();
        await shop.ConnectAsync(TenantA);
        var now = fixture.Clock.GetUtcNow();

        // The reminder service runs on real time (due in 0.5 s); the grain stamps the tick with its own (fake) clock.
        await OpenClaw.TestSupport.Eventually.UntilAsync(async () => (await shop.GetAsync()).LastReminderAt is not null, timeoutMs: 30_000);

        var stored = await ReloadAsync(shop);
        Assert.Equal(now, stored.LastReminderAt);
        Assert.Equal(1, stored.Revision);
    }

    // Deactivates the grain so the next call reads what storage holds, not what the activation remembers.
    private async Task<ShopSnapshot> ReloadAsync(IShopGrain shop)
    {
        await fixture.Cluster.DeactivateAsync(shop);
        return await shop.GetAsync();
    }

    private static async Task<(ShopSnapshot? Snapshot, Exception? Error)> Try(Func<Task<ShopSnapshot>> call)
    {
        try
        {
            return (await call(), null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }
}
