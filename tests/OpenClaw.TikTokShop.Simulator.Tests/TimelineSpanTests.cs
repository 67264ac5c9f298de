using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Orders;
using OpenClaw.TikTokShop.Simulator.Data.Products;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Tests;

/// <summary>Searches by update_time scan only the creation days an entity's span allows; these bounds must hold for every plan.</summary>
public sealed class TimelineSpanTests
{
    [Fact]
    public void No_order_package_cancellation_or_return_changes_after_its_documented_span()
    {
        var settings = Options.Create(new SimulatorSettings { ShopCount = 40, HistoryDays = 60, OrdersPerShopPerDay = 40 });
        var shops = new ShopDirectory(settings);
        var planner = new OrderPlanner(settings, shops, new ProductCatalog(settings, shops));
        const long day = 86_400;
        var checkedOrders = 0;
        foreach (var shop in shops.All)
        {
            var first = planner.FirstDay(shop);
            foreach (var order in planner.OrdersBetween(shop, first, first.AddDays(60)))
            {
                checkedOrders++;
                Assert.True(order.Events[^1].Time < order.CreateTime + OrderPlanner.OrderSpanDays * day, order.Id);
                Assert.True(order.PackageEvents().All(p => p.Time < order.CreateTime + OrderPlanner.OrderSpanDays * day), order.Id);
                if (order.Cancel is { } cancel)
                {
                    Assert.True(cancel.Time < order.CreateTime + OrderPlanner.CancellationSpanDays * day, order.Id);
                }

                if (order.Return is { } ret)
                {
                    Assert.True(ret.Events[^1].Time < order.CreateTime + OrderPlanner.ReturnSpanDays * day, order.Id);
                }
            }
        }

        Assert.True(checkedOrders > 50_000);
    }
}
