using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>The simulator of <see cref="SyncNowTests"/>.</summary>
public sealed class SyncNowFixture : SyncFixture
{
    /// <inheritdoc />
    protected override int Seed => 909;

    /// <inheritdoc />
    public override int ShopCount => 1;
}

/// <summary>
/// The "sync now" button while TikTok is slow: it answers at once, not after the page in flight (a failing call and
/// its retries held it for seconds, and after a failover the API's first call to a shop is often this one), and the
/// window it asks for still comes.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class SyncNowTests(SyncNowFixture fixture) : IClassFixture<SyncNowFixture>
{
    // Below the fixture's attempt timeout (3 s): slow, never failed or retried.
    private const int LatencyMs = 2_500;

    [Fact]
    public async Task SyncNow_while_a_page_is_in_flight_answers_before_it_and_fetches_a_window_after_the_press()
    {
        var ct = TestContext.Current.CancellationToken;
        var shops = await fixture.ConnectAllAsync("tenant-sync-now");
        await GroundTruth.WaitCaughtUpAsync(fixture, shops, TimeSpan.FromMinutes(3));
        var grain = fixture.Cluster.Client.GetGrain<IShopGrain>(shops[0]);
        await fixture.SyncDailyAsync(grain);

        try
        {
            await SimulatorAdmin.AddFaultAsync(fixture.Simulator, new { kind = "latency", delay_ms = LatencyMs, path_prefix = "/order/" }, ct);
            await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));
            await grain.SyncNowAsync([SyncDomain.Orders]);
            await Eventually.TrueAsync(async () => Orders(await grain.GetSyncReportAsync()).InProgress,
                TimeSpan.FromSeconds(10), () => "the pressed orders window did not open");
            var inFlight = Orders(await grain.GetSyncReportAsync());

            // A minute later the operator presses again while that page is still on its way.
            await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));
            var pressedAt = fixture.Clock.Now;
            await grain.SyncNowAsync([SyncDomain.Orders]);
            var afterPress = Orders(await grain.GetSyncReportAsync());
            Assert.True(afterPress.InProgress && afterPress.Watermark == inFlight.Watermark,
                $"the press waited for the page in flight (window open {afterPress.InProgress}, watermark {inFlight.Watermark:O} → {afterPress.Watermark:O})");

            // The window in flight ended before the second press; a window past it follows, with no interval due for a day.
            var last = afterPress;
            await Eventually.TrueAsync(async () => (last = Orders(await grain.GetSyncReportAsync())).Watermark >= pressedAt,
                TimeSpan.FromSeconds(30), () => $"no window after the press at {pressedAt:O}: watermark {last.Watermark:O}, next run {last.NextRunAt:O}");
        }
        finally
        {
            await SimulatorAdmin.ClearFaultsAsync(fixture.Simulator, CancellationToken.None);
        }
    }

    private static DomainSyncStatus Orders(ShopSyncReport report) => report.Domains.Single(d => d.Domain == SyncDomain.Orders);
}
