using System.Text.Json;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Metrics;
using OpenClaw.Grains.Metrics.Queries;
using OpenClaw.Grains.Metrics.Storage;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Tests.EntityStorage;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Metrics;

public sealed class MetricSumsTests
{
    [Fact]
    public void Summary_NoDenominators_RatesNullNotZero()
    {
        var sums = new MetricSums();
        sums.Add("orders_created", 3, "USD");

        var rates = sums.ToSummary().Rates;

        Assert.Equal(new MetricRates(null, null, null, null, null, null), rates);
    }

    [Fact]
    public void Summary_Histogram_NearestRankPercentilesAndFourDecimalRates()
    {
        var sums = new MetricSums();
        sums.Add("delivery_hours:20", 5, "USD");
        sums.Add("delivery_hours:30", 4, "USD");
        sums.Add("delivery_hours:90", 1, "USD");
        sums.Add("orders_shipped", 3, "USD");
        sums.Add("orders_shipped_48h", 2, "USD");
        sums.Add("gmv", 123456, "USD");

        var summary = sums.ToSummary();

        Assert.Equal(20, summary.DeliveryP50Hours); // rank ceil(0.5 × 10) = 5
        Assert.Equal(30, summary.DeliveryP90Hours); // rank 9
        Assert.Equal(0.6667m, summary.Rates.FastDispatch);
        Assert.Equal(1234.56m, Assert.Single(summary.Money).Gmv);
    }
}

[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class MetricsQueryTests(EntityStoreFixture fixture) : IClassFixture<EntityStoreFixture>
{
    private static readonly DateTimeOffset Now = new(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    private static EntityVersion Version<T>(string kind, string id, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        new(kind, id, Now, JsonSerializer.Serialize(value, info));

    private async Task<string> ShopAsync(string warehouse, decimal total, params (string Date, decimal Gmv)[] performance)
    {
        var shop = "shop-" + Guid.NewGuid().ToString("N");
        var order = OrderContributionTests.Order("AWAITING_SHIPMENT", Now.AddHours(-1), Now.AddHours(-1), total) with { WarehouseId = warehouse };
        EntityVersion[] page =
        [
            Version(EntityKind.Order, order.Id, order, StoredEntityJson.Default.StoredOrder),
            Version(EntityKind.Product, "p1", new StoredProduct("p1", "Mug", "ACTIVATE", "APPROVED", [], "c9", "Mugs", Now, Now), StoredEntityJson.Default.StoredProduct),
            Version(EntityKind.Warehouse, warehouse, new StoredWarehouse(warehouse, "Main " + warehouse, "SALES_WAREHOUSE", true, "US"), StoredEntityJson.Default.StoredWarehouse),
            .. performance.Select(p => Version(EntityKind.PerformanceDay, p.Date, new StoredPerformanceDay(p.Date, "USD", p.Gmv, 1, 1, 1, 0, 0), StoredEntityJson.Default.StoredPerformanceDay)),
        ];
        await fixture.Store.UpsertAsync(shop, page);
        await fixture.Book().ApplyAsync(shop, TimeZoneInfo.Utc, TouchedGroups.Of(page), Now);
        await fixture.Book().EnsureZoneAsync(shop, "UTC", Now);
        return shop;
    }

    private MetricsQuery Query() => new(fixture.Connection, fixture.Store, new ShopReadModel(fixture.Connection));

    [Fact]
    public async Task Compare_ByWarehouseAndCategory_GroupsWithNamesAndTotal()
    {
        var a = await ShopAsync("w1", 10m);
        var b = await ShopAsync("w2", 30m);

        var byWarehouse = await Query().CompareAsync([a, b], Today.AddDays(-1), Today, MetricsGrouping.Warehouse);
        var byCategory = await Query().CompareAsync([a, b], Today.AddDays(-1), Today, MetricsGrouping.Category);

        Assert.Equal(["Main w1", "Main w2"], byWarehouse.Groups.Select(g => g.Name).Order());
        Assert.Equal(40m, Assert.Single(byWarehouse.Total.Money).Gmv);
        Assert.Equal(2, byWarehouse.Total.Count(MetricFields.OrdersPaid));
        Assert.Equal("shop-local", byWarehouse.DayBoundary);
        var mugs = Assert.Single(byCategory.Groups);
        Assert.Equal(("c9", "Mugs", 2L), (mugs.Key, mugs.Name, mugs.Summary.Count("orders")));
        Assert.Equal(40m, Assert.Single(mugs.Summary.Money).Gmv);
    }

    [Fact]
    public async Task Overview_RefreshedWithEarlierSums_RereadsOnlyShopsWrittenSince_AndEqualsAFullRead()
    {
        var (from, to) = (Today.AddDays(-1), Today);
        var a = await ShopAsync("w1", 10m);
        var b = await ShopAsync("w2", 30m);
        var first = await Query().OverviewAsync([a, b], from, to);
        Assert.Equal(2, first.ShopsRead);

        var unchanged = await Query().OverviewAsync([a, b], from, to, first.Sums);
        Assert.Equal(0, unchanged.ShopsRead);
        Assert.Equal(Json(first.Total), Json(unchanged.Total));

        // A second order for b moves b's sums: b is read again, a is reused, and the result equals a full read.
        var order = OrderContributionTests.Order("AWAITING_SHIPMENT", Now.AddHours(-2), Now.AddHours(-2), 5m) with { Id = "o2" };
        EntityVersion[] page = [Version(EntityKind.Order, order.Id, order, StoredEntityJson.Default.StoredOrder)];
        await fixture.Store.UpsertAsync(b, page);
        await fixture.Book().ApplyAsync(b, TimeZoneInfo.Utc, TouchedGroups.Of(page), Now);
        var refreshed = await Query().OverviewAsync([a, b], from, to, unchanged.Sums);
        var full = await Query().OverviewAsync([a, b], from, to);
        Assert.Equal(1, refreshed.ShopsRead);
        Assert.Equal(Json(full.Total), Json(refreshed.Total));
        Assert.Equal(45m, Assert.Single(refreshed.Total.Money).Gmv);
        Assert.Equal(35m, Assert.Single(refreshed.Shops.Single(s => s.ShopId == b).Summary.Money).Gmv);

        // A new reporting zone resets a's buckets (a rebuild follows): a is read again.
        await fixture.Book().EnsureZoneAsync(a, "Asia/Bangkok", Now);
        var afterReset = await Query().OverviewAsync([a, b], from, to, refreshed.Sums);
        Assert.Equal(1, afterReset.ShopsRead);
        Assert.Equal(35m, Assert.Single(afterReset.Total.Money).Gmv);
    }

    private static string Json(MetricSummary summary) => JsonSerializer.Serialize(summary);

    [Fact]
    public async Task Reconcile_FivePercentOff_FlaggedOnePercentNot()
    {
        var day = MetricContribution.Day(Today);
        var shop = await ShopAsync("w1", 100m, (day, 105.27m));
        var close = await ShopAsync("w1", 100m, (day, 101m));

        var skewed = Assert.Single(await Query().ReconcileAsync(shop, Today, Today));
        var fine = Assert.Single(await Query().ReconcileAsync(close, Today, Today));

        Assert.True(skewed.Gmv.Flagged);
        Assert.Equal(100m, skewed.Gmv.Ours);
        Assert.False(fine.Gmv.Flagged);
        Assert.False(fine.OrdersPaid.Flagged);
    }

    [Fact]
    public async Task Health_NothingShipped_NotJudged()
    {
        var shop = await ShopAsync("w1", 10m);

        var health = await Query().HealthAsync(shop, Now);

        Assert.Equal(100, health.Score);
        Assert.Empty(health.Reasons);
        Assert.Equal(Today, health.To);
        Assert.Equal(Today.AddDays(-29), health.From);
    }
}
