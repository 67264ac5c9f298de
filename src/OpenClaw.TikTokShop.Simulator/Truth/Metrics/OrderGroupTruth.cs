using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Orders;

namespace OpenClaw.TikTokShop.Simulator.Truth.Metrics;

/// <summary>
/// One order group's fields (docs/metrics.md, "The order group"), from the order's own plan as it stands at now: the
/// order, its cancellation, its return and its tracking. Never from API responses.
/// </summary>
internal static class OrderGroupTruth
{
    private const long Hour = 3600;
    private const long FastDispatchSeconds = 172_800;
    private const string RefundComplete = "RETURN_OR_REFUND_REQUEST_COMPLETE";

    /// <summary>Adds <paramref name="order"/>'s contribution; products it names go to <paramref name="products"/>.</summary>
    public static void Add(OrderPlan order, DayBuckets days, long now, ISet<string> products)
    {
        var warehouse = order.WarehouseId;
        days.AddWithWarehouse(order.CreateTime, warehouse, "orders_created");
        if (order.PaidTime is { } paid && paid <= now)
        {
            AddPaid(order, days, paid, products);
        }

        if (order.Cancel is { } cancel && cancel.Time <= now)
        {
            days.AddWithWarehouse(cancel.Time, warehouse, "orders_cancelled");
            if (cancel.Initiator == "SELLER")
            {
                days.AddWithWarehouse(cancel.Time, warehouse, "orders_cancelled_seller");
            }
        }

        if (order.RtsTime is { } rts && rts <= now)
        {
            days.AddWithWarehouse(rts, warehouse, "orders_shipped");
            days.AddWithWarehouse(rts, warehouse, "orders_shipped_48h", rts - order.PaidTime!.Value <= FastDispatchSeconds ? 1 : 0);
            days.AddWithWarehouse(rts, warehouse, "orders_shipped_late", rts > order.RtsSlaTime ? 1 : 0);
            AddTracking(order, days, rts, now);
        }

        if (order.DeliveryTime is { } delivered && delivered <= now)
        {
            days.AddWithWarehouse(delivered, warehouse, "orders_delivered");
            days.Add(delivered, $"delivery_hours:{(delivered - order.CollectionTime!.Value) / Hour}");
        }

        if (order.Return is { } ret && ret.CreateTime <= now)
        {
            AddReturn(order, ret, days, now, products);
        }
    }

    private static void AddPaid(OrderPlan order, DayBuckets days, long paid, ISet<string> products)
    {
        days.AddWithWarehouse(paid, order.WarehouseId, "orders_paid");
        days.AddWithWarehouse(paid, order.WarehouseId, "gmv", MoneyField.Of(order.Money.Total));
        days.AddWithWarehouse(paid, order.WarehouseId, "units", order.LineItems.Count);
        foreach (var item in order.LineItems)
        {
            days.Add(paid, $"p:{item.ProductId}:units");
            days.Add(paid, $"p:{item.ProductId}:sales", MoneyField.Of(item.SalePrice));
        }

        foreach (var productId in order.LineItems.Select(i => i.ProductId).Distinct(StringComparer.Ordinal))
        {
            days.Add(paid, $"p:{productId}:orders");
            products.Add(productId);
        }
    }

    // Tracking counts once the package is final (COMPLETED, or CANCELLED after shipment): only then does OpenClaw fetch it.
    // Every scan of a final package is at or before the moment it became final.
    private static void AddTracking(OrderPlan order, DayBuckets days, long rts, long now)
    {
        if (order.PackageStateAt(now) is not { Status: "COMPLETED" or "CANCELLED" })
        {
            return;
        }

        days.Add(rts, "orders_tracked");
        days.Add(rts, "orders_tracking_valid", order.Tracking.Count > 0 ? 1 : 0);
        foreach (var scan in order.Tracking)
        {
            if (scan.ExceptionCode is { } code)
            {
                days.Add(scan.TimeMillis / 1000, $"logistics_exceptions:{code.Category}");
                days.Add(scan.TimeMillis / 1000, $"logistics_exception_codes:{code.RawCode}");
            }
        }
    }

    private static void AddReturn(OrderPlan order, ReturnPlan ret, DayBuckets days, long now, ISet<string> products)
    {
        var warehouse = order.WarehouseId;
        days.AddWithWarehouse(ret.CreateTime, warehouse, "returns_requested");
        days.AddWithWarehouse(ret.CreateTime, warehouse, $"returns_requested:{ret.SubReason}");
        if (ret.StateAt(now) is not (var updated, RefundComplete))
        {
            return;
        }

        var amount = MoneyField.Of(order.RefundAmount);
        days.AddWithWarehouse(updated, warehouse, "refunds_completed");
        days.AddWithWarehouse(updated, warehouse, $"refunds_completed:{ret.SubReason}");
        days.AddWithWarehouse(updated, warehouse, "refund_amount", amount);
        days.AddWithWarehouse(updated, warehouse, $"refund_amount:{ret.SubReason}", amount);
        days.Add(updated, $"p:{order.LineItems[0].ProductId}:refunds");
        products.Add(order.LineItems[0].ProductId);
    }
}

/// <summary>Money as docs/metrics.md keeps it: the amount (rounded to the currency's minor units) × 100, an integer.</summary>
internal static class MoneyField
{
    /// <summary>USD 12.34 → 1234; VND 150000 → 15000000.</summary>
    public static long Of(decimal amount) => (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);
}
