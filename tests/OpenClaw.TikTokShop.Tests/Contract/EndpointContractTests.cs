using OpenClaw.TikTokShop.Analytics;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Fulfillment;
using OpenClaw.TikTokShop.Orders;
using OpenClaw.TikTokShop.Products;
using OpenClaw.TikTokShop.Returns;

namespace OpenClaw.TikTokShop.Tests.Contract;

[Collection(SimulatorGroup.Name)]
public sealed class EndpointContractTests(SimulatorFixture sim) : IAsyncLifetime
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1);
    private ShopAccess _shop = null!;
    private TikTokShopClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        await sim.ClearFaultsAsync();
        (_shop, _) = await sim.ConnectAsync(0);
        _client = sim.Client();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Authorized_and_active_shops_and_permissions_match_the_simulator()
    {
        var authorized = (await _client.Seller.GetAuthorizedShopsAsync(_shop, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        var active = (await _client.Seller.GetActiveShopsAsync(_shop, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        var permissions = (await _client.Seller.GetPermissionsAsync(_shop, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();

        var shop = Assert.Single(authorized);
        Assert.Equal(_shop.ShopId, shop.Id);
        Assert.Equal(_shop.ShopCipher, shop.Cipher);
        Assert.Contains(shop.SellerType, new[] { "CROSS_BORDER", "LOCAL" });
        Assert.Equal(_shop.ShopId, Assert.Single(active).Id);
        Assert.Contains("seller.order.info", permissions);
    }

    [Fact]
    public async Task Order_pages_walk_the_whole_window_once_and_detail_returns_the_same_orders()
    {
        var query = new OrderSearchQuery { UpdateTimeFrom = Epoch, UpdateTimeTo = DateTimeOffset.UtcNow.AddYears(1), PageSize = 25 };
        var orders = new List<Order>();
        int? total = null;
        await foreach (var page in _client.Orders.SearchPagesAsync(_shop, query, cancellationToken: TestContext.Current.CancellationToken))
        {
            total ??= page.TotalCount;
            orders.AddRange(page.Items);
        }

        Assert.True(orders.Count > 25, "expected several pages");
        Assert.Equal(total, orders.Count);
        Assert.Equal(orders.Count, orders.Select(o => o.Id).Distinct().Count());
        Assert.True(orders.Zip(orders.Skip(1)).All(p => p.First.UpdateTime <= p.Second.UpdateTime), "ASC by update_time");

        var ids = orders.Take(OrdersApi.MaxIdsPerCall).Select(o => o.Id).ToArray();
        var detail = (await _client.Orders.GetAsync(_shop, ids, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        Assert.Equal(ids.Order(), detail.Select(o => o.Id).Order());
        Assert.All(detail, o => Assert.NotNull(o.Payment?.TotalAmount));
    }

    [Fact]
    public async Task Products_search_detail_and_inventory_update_are_typed()
    {
        var products = (await _client.Products.SearchAsync(_shop, new ProductSearchQuery { PageSize = 20 }, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        var summary = Assert.IsType<ProductSummary>(products.Items[0]);

        var detail = (await _client.Products.GetAsync(_shop, summary.Id, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        Assert.Equal(summary.Id, detail.Id);
        Assert.NotNull(detail.Audit);
        Assert.Contains(detail.CategoryChains!, c => c.IsLeaf);
        var sku = detail.Skus![0];
        Assert.True(sku.Price!.SalePrice > 0);

        var stock = sku.Inventory!.Select(i => new SkuInventory(i.WarehouseId, 7)).ToList();
        var update = (await _client.Products.UpdateInventoryAsync(_shop, summary.Id,
            [new SkuInventoryUpdate(sku.Id, stock), new SkuInventoryUpdate("no-such-sku", stock)], cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        Assert.Equal("no-such-sku", Assert.Single(update.Errors!).Detail?.SkuId);
        var after = (await _client.Products.GetAsync(_shop, summary.Id, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        Assert.All(after.Skus!.Single(s => s.Id == sku.Id).Inventory!, i => Assert.Equal(7, i.Quantity));
    }

    [Fact]
    public async Task Returns_cancellations_packages_tracking_and_warehouses_are_typed()
    {
        var window = new AfterSaleSearchQuery { CreateTimeFrom = Epoch, CreateTimeTo = DateTimeOffset.UtcNow.AddYears(1), PageSize = 50 };
        var returns = (await _client.Returns.SearchReturnsAsync(_shop, window, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        var cancellations = (await _client.Returns.SearchCancellationsAsync(_shop, window, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        var packages = (await _client.Fulfillment.SearchPackagesAsync(_shop, new PackageSearchQuery { CreateTimeFrom = Epoch, PageSize = 50 }, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        var warehouses = (await _client.Fulfillment.ListWarehousesAsync(_shop, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();

        Assert.NotEmpty(returns.Items);
        Assert.All(returns.Items, r => Assert.True(r.RefundAmount!.RefundTotal >= 0));
        Assert.NotEmpty(cancellations.Items);
        Assert.NotEmpty(packages.Items);
        Assert.NotEmpty(warehouses);

        var shipped = packages.Items.First(p => p.TrackingNumber is not null);
        var tracking = (await _client.Fulfillment.GetTrackingAsync(_shop, shipped.Orders![0].Id, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        Assert.NotEmpty(tracking);
        // Milliseconds on the wire: a seconds-as-milliseconds mistake would land in 1970.
        Assert.All(tracking, t => Assert.True(t.UpdateTimeMillis.Year >= 2026));
    }

    [Fact]
    public async Task Shop_performance_returns_daily_intervals_with_money()
    {
        // The simulator's date, not the real one: its history ends where its clock is (a real-date range went past it on 2026-12-01).
        var today = sim.Today;
        var result = await _client.Analytics.GetShopPerformanceAsync(_shop, new ShopPerformanceQuery(today.AddDays(-30), today.AddDays(1)), cancellationToken: TestContext.Current.CancellationToken);

        var data = result.GetValueOrThrow();
        Assert.NotNull(data.LatestDate);
        Assert.NotEmpty(data.Performance.Intervals!);
        Assert.All(data.Performance.Intervals!, i => Assert.NotNull(i.Gmv));
    }

    [Fact]
    public async Task Webhook_subscriptions_can_be_put_listed_and_deleted()
    {
        // No path: Uri.AbsoluteUri would add a trailing slash the operator never wrote (contract §5: sent as written).
        var address = new Uri("https://openclaw.example.test");

        (await _client.Webhooks.SubscribeAsync(_shop, "ORDER_STATUS_CHANGE", address, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        var listed = (await _client.Webhooks.ListAsync(_shop, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        (await _client.Webhooks.UnsubscribeAsync(_shop, "ORDER_STATUS_CHANGE", cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();
        var after = (await _client.Webhooks.ListAsync(_shop, cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();

        Assert.Contains(listed, w => w.EventType == "ORDER_STATUS_CHANGE" && w.Address == "https://openclaw.example.test");
        Assert.DoesNotContain(after, w => w.EventType == "ORDER_STATUS_CHANGE");
    }
}
