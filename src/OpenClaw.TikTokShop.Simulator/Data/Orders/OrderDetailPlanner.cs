using System.Globalization;
using OpenClaw.TikTokShop.Simulator.Data.Logistics;
using OpenClaw.TikTokShop.Simulator.Data.Products;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Data.Orders;

/// <summary>
/// Generates what an order contains and how it travels (line items, money, warehouse, carrier, buyer, scans) from its
/// own random stream, only when someone reads it.
/// </summary>
public sealed class OrderDetailPlanner(SimulatorSettings settings, ShopDirectory shops, ProductCatalog products)
{
    private const long Hour = 3600;
    private const long Day = 86_400;

    /// <summary>The carriers orders ship with (each has a code per exception category in <see cref="CarrierExceptionCodes"/>).</summary>
    public static readonly IReadOnlyList<string> Carriers = ["USPS", "J&T Express", "Ninja Van", "Flash Express", "Royal Mail", "Kerry Express"];

    /// <summary>The details of an order from their own random stream, so generating them later changes nothing else.</summary>
    public OrderDetails Detail(OrderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var shop = shops.All[plan.ShopIndex];
        var random = new DeterministicRandom(settings.Seed, 5, plan.ShopIndex, plan.DayNumber, plan.Ordinal);
        var region = shop.Region;
        var items = LineItems(shop, plan.Id, plan.CreateTime, ref random);
        var subTotal = items.Sum(i => i.SalePrice);
        var shipping = random.Chance(0.3) ? region.ShippingFee : 0m;
        var sellerDiscount = random.Chance(0.2) ? region.Round(subTotal * 0.1m) : 0m;
        var platformDiscount = random.Chance(0.1) ? region.Round(subTotal * 0.05m) : 0m;
        var money = new OrderMoney(subTotal, shipping, sellerDiscount, platformDiscount, 0m, subTotal + shipping - sellerDiscount - platformDiscount);
        var warehouses = shop.SalesWarehouses;
        var warehouse = warehouses[(int)random.Next(0, warehouses.Count)].Id;
        var tracking = string.Create(CultureInfo.InvariantCulture, $"TT{random.Next(1_000_000_000, 9_999_999_999)}{region.Code}");
        var provider = random.Pick(Carriers);
        var buyer = string.Create(CultureInfo.InvariantCulture, $"buyer-{shop.Index}-{random.Next(0, Math.Max(50, settings.OrdersPerShopPerDay * 20))}");
        return new OrderDetails(items, money, warehouse, tracking, provider, buyer, TrackingEvents(ref random, plan, provider));
    }

    private List<TrackingEvent> TrackingEvents(ref DeterministicRandom random, OrderPlan t, string provider)
    {
        var list = new List<TrackingEvent>();
        // About 1% of shipped orders carry a tracking number the carrier never scans (invalid tracking).
        if (t.RtsTime is not { } rts || random.Chance(0.01))
        {
            return list;
        }

        // Which exception code a scan carries comes from its own stream (7): the timing draws below stay as they were.
        var codes = new DeterministicRandom(settings.Seed, 7, t.ShopIndex, t.DayNumber, t.Ordinal);
        list.Add(new(rts * 1000 + random.Next(0, 999), "Shipping label created"));
        if (t.CollectionTime is { } collected)
        {
            list.Add(new(collected * 1000 + random.Next(0, 999), "Package picked up by carrier"));
            var end = t.DeliveryTime ?? t.Times.Refused ?? t.Cancel?.Time ?? collected + 2 * Day;
            list.Add(new((collected + (end - collected) / 3) * 1000 + random.Next(0, 999), "Arrived at sorting center"));
            if (t.Times.LogisticsException)
            {
                list.Add(Scan((collected + (end - collected) * 2 / 3) * 1000 + random.Next(0, 999), CarrierExceptionCodes.EnRoute(ref codes, provider)));
            }

            if ((t.DeliveryTime ?? t.Times.Refused) is { } door)
            {
                list.Add(new((door - random.Next(Hour, 6 * Hour)) * 1000 + random.Next(0, 999), "Out for delivery"));
                if (t.DeliveryTime is not null)
                {
                    list.Add(new(door * 1000 + random.Next(0, 999), "Delivered"));
                }
                else
                {
                    list.Add(Scan(door * 1000 + random.Next(0, 999), CarrierExceptionCodes.Of(provider, CarrierExceptionCodes.PackageRefused)));
                    list.Add(new(t.Times.Completed!.Value * 1000, "Package returned to seller"));
                }
            }
            else if (t.Cancel is { } cancel)
            {
                list.Add(Scan(cancel.Time * 1000, CarrierExceptionCodes.NeverArrived(ref codes, provider)));
            }
        }

        return list;
    }

    private static TrackingEvent Scan(long millis, CarrierExceptionCode code) => new(millis, code.Description, code);

    private List<LineItemPlan> LineItems(Shop shop, string orderId, long created, ref DeterministicRandom random)
    {
        var catalogue = products.For(shop);
        var available = Math.Max(1, products.CountCreatedBy(created));
        var count = random.NextDouble() switch { < 0.7 => 1, < 0.9 => 2, _ => 3 };
        var items = new List<LineItemPlan>(count);
        for (var i = 0; i < count; i++)
        {
            var product = catalogue[(int)random.Next(0, available)];
            var sku = product.Skus[(int)random.Next(0, product.Skus.Count)];
            items.Add(new LineItemPlan(string.Create(CultureInfo.InvariantCulture, $"5{i + 1}{orderId[2..]}"), product.Ordinal, product.Id, sku.Id, sku.SellerSku,
                product.Title, sku.SalePrice, sku.OriginalPrice));
        }

        return items;
    }
}
