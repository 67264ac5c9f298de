using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Sync.Fetchers;
using OpenClaw.Grains.Tenants;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>One shop whose product calls answer slowly (300 ms), with a half-second turn budget.</summary>
public sealed class TurnBudgetSyncFixture : SyncFixture
{
    /// <summary>How long the simulator holds each product call (search and detail).</summary>
    public const int ProductLatencyMs = 300;

    /// <inheritdoc />
    protected override int Seed => 913;

    /// <inheritdoc />
    public override int ShopCount => 1;

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => new Dictionary<string, string?>(base.Settings())
    {
        ["Sync:TurnBudget"] = "00:00:00.500",
    };
}

/// <summary>
/// Issue 9, found by the sync bench: a products page makes up to 20 detail calls inside one grain turn, so a change sent to
/// the shop's grain (settings, pause) waited for the whole page (up to 20 s under a contended budget). The page
/// now stops when the turn's time is up and goes on in the next turn from what is stored.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class TurnBudgetSyncTests(TurnBudgetSyncFixture fixture) : IClassFixture<TurnBudgetSyncFixture>
{
    private const string ProductPath = "/product/202309/products/";

    [Fact]
    public async Task SettingsChange_DuringAProductsPage_WaitsForTheTurnNotForTheWholePage()
    {
        await SimulatorAdmin.AddFaultAsync(fixture.Simulator,
            new { kind = "latency", delay_ms = TurnBudgetSyncFixture.ProductLatencyMs, path_prefix = ProductPath }, TestContext.Current.CancellationToken);
        var shopId = (await fixture.ShopIdsAsync())[0];
        await fixture.Cluster.Client.GetGrain<ITenantGrain>("tenant-turn").ConnectWithAuthCodeAsync(await fixture.AuthCodeAsync(shopId));
        var shop = fixture.Cluster.Client.GetGrain<IShopGrain>(shopId);

        // The first product page's details have begun: the grain is inside a page of 20 detail calls.
        await Eventually.TrueAsync(() => Task.FromResult(Details() >= 1), TimeSpan.FromSeconds(60), () => "no product detail was asked for");
        var settings = (await shop.GetAsync()).Settings; // reads interleave with the turn; a change waits for it
        var before = Details();
        var changed = await shop.UpdateSettingsAsync(settings with { Tags = ["night-shift"] });
        var during = Details() - before;
        var report = await shop.GetSyncReportAsync();

        // Without the turn check the call waited for the rest of the page (19 details); now for the turn's end: the
        // detail in flight and at most one more started before the turn's time was up.
        Assert.True(during < ProductFetcher.PageSize / 2, $"the settings change waited for {during} product details");
        Assert.Equal(["night-shift"], changed.Settings.Tags);
        Assert.False(report.Domains.Single(d => d.Domain == SyncDomain.Products).BackfillComplete);

        // The page goes on in later turns, from what is stored, to the same result.
        await GroundTruth.WaitCaughtUpAsync(fixture, [shopId], TimeSpan.FromMinutes(3));
        var differences = await GroundTruth.DifferencesAsync(fixture, [shopId]);
        Assert.True(differences.Count == 0, string.Join("\n", differences));

        // Going on with a page does not search again: the page stopped in is held by the activation (quota matters).
        var searches = fixture.Requests.Requests.Where(r => r.Key.StartsWith(ProductPath + "search", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(searches);
        Assert.All(searches, r => Assert.True(r.Value == 1, $"{r.Value}× {r.Key}"));
    }

    // Product detail requests served so far (GET /product/202309/products/{id}; the search is a POST to …/search).
    private int Details() => fixture.Requests.Requests.Where(r => r.Key.StartsWith(ProductPath, StringComparison.Ordinal)
        && !r.Key.StartsWith(ProductPath + "search", StringComparison.Ordinal)).Sum(r => r.Value);
}
