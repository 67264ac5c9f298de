using OpenClaw.Grains.Metrics.Cleaning;
using F = OpenClaw.Grains.Metrics.MetricFields;

namespace OpenClaw.Grains.Metrics;

/// <summary>
/// The day-bucket fields an order group contributes (docs/metrics.md, "The order group" and "Dimensions"), each on the
/// shop-local day of its own timestamp. Pure: the same group and zone always give the same contribution.
/// </summary>
public static class OrderContribution
{
    private const long FortyEightHours = 172_800;

    /// <summary>The group's contribution in the shop's reporting zone.</summary>
    public static MetricContribution Compute(OrderGroup group, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(zone);
        var c = new MetricContribution();
        var order = group.Order;
        var warehouse = order?.WarehouseId is { Length: > 0 } w ? w : null;

        // A field on its day, and (unless it is a histogram, tracking or exception field) per warehouse too.
        void Add(DateTimeOffset at, string field, long value, bool byWarehouse = true)
        {
            var day = MetricContribution.LocalDate(at, zone);
            c.Add(day, field, value);
            if (byWarehouse && warehouse is not null)
            {
                c.Add(day, F.Warehouse(warehouse, field), value);
            }
        }

        if (order is not null)
        {
            Add(order.CreateTime, F.OrdersCreated, 1);
            if (order.PaidTime is { } paid)
            {
                Add(paid, F.OrdersPaid, 1);
                Add(paid, F.Gmv, MetricContribution.Money(order.TotalAmount));
                Add(paid, F.Units, order.Lines is { Count: > 0 } lines ? lines.Count : order.Items);
                AddProducts(c, order, MetricContribution.LocalDate(paid, zone));
            }

            if (string.Equals(order.Status, "CANCELLED", StringComparison.Ordinal))
            {
                // cancel_time is what the contract promises; without it the order's last change is the cancellation.
                var at = order.CancelTime ?? order.UpdateTime;
                Add(at, F.OrdersCancelled, 1);
                if (IsSellerCancellation(group))
                {
                    Add(at, F.OrdersCancelledSeller, 1);
                }
            }

            if (order.RtsTime is { } rts)
            {
                Add(rts, F.OrdersShipped, 1);
                Add(rts, F.OrdersShipped48h, order.PaidTime is { } p && (rts - p).TotalSeconds <= FortyEightHours ? 1 : 0);
                Add(rts, F.OrdersShippedLate, order.RtsSlaTime is { } sla && rts > sla ? 1 : 0);
                if (group.Tracking is { } tracking)
                {
                    Add(rts, F.OrdersTracked, 1, byWarehouse: false);
                    Add(rts, F.OrdersTrackingValid, tracking.Scans.Count > 0 ? 1 : 0, byWarehouse: false);
                }
            }

            if (order.DeliveryTime is { } delivered)
            {
                Add(delivered, F.OrdersDelivered, 1);
                if (order.CollectionTime is { } collected)
                {
                    var hours = (long)Math.Floor((delivered - collected).TotalSeconds / 3600);
                    Add(delivered, F.Of(F.DeliveryHours, hours.ToString(System.Globalization.CultureInfo.InvariantCulture)), 1, byWarehouse: false);
                }
            }
        }

        foreach (var scan in group.Tracking?.Scans ?? [])
        {
            if (LogisticsExceptionCatalogue.Classify(scan.Description) is { } exception)
            {
                Add(scan.Time, F.Of(F.LogisticsExceptions, exception.Category), 1, byWarehouse: false);
                Add(scan.Time, F.Of(F.LogisticsExceptionCodes, exception.RawCode), 1, byWarehouse: false);
            }
        }

        var firstProduct = order?.Lines is { Count: > 0 } l ? l[0].ProductId : order?.ProductIds is { Count: > 0 } ids ? ids[0] : null;
        foreach (var request in group.Returns)
        {
            var sub = RefundSubReason.Classify(request, order);
            Add(request.CreateTime, F.ReturnsRequested, 1);
            Add(request.CreateTime, F.Of(F.ReturnsRequested, sub), 1);
            if (string.Equals(request.Status, "RETURN_OR_REFUND_REQUEST_COMPLETE", StringComparison.Ordinal))
            {
                var amount = MetricContribution.Money(request.RefundTotal);
                Add(request.UpdateTime, F.RefundsCompleted, 1);
                Add(request.UpdateTime, F.Of(F.RefundsCompleted, sub), 1);
                Add(request.UpdateTime, F.RefundAmount, amount);
                Add(request.UpdateTime, F.Of(F.RefundAmount, sub), amount);
                if (firstProduct is { Length: > 0 })
                {
                    c.Add(MetricContribution.LocalDate(request.UpdateTime, zone), F.Product(firstProduct, F.ProductRefunds), 1);
                }
            }
        }

        return c;
    }

    // The order says who cancelled; a stored cancellation's role stands in when it does not.
    private static bool IsSellerCancellation(OrderGroup group) =>
        group.Order?.CancellationInitiator is { } initiator
            ? string.Equals(initiator, "SELLER", StringComparison.OrdinalIgnoreCase)
            : group.Cancellations.Any(x => string.Equals(x.Role, "SELLER", StringComparison.OrdinalIgnoreCase));

    // p:<product>:orders once per product per order, :units per line item, :sales Σ sale_price.
    private static void AddProducts(MetricContribution c, Entities.StoredOrder order, DateOnly day)
    {
        if (order.Lines is not { Count: > 0 } lines)
        {
            foreach (var id in order.ProductIds)
            {
                c.Add(day, F.Product(id, F.ProductOrders), 1); // a version stored before line items were kept
            }

            return;
        }

        foreach (var product in lines.Where(i => i.ProductId is { Length: > 0 }).GroupBy(i => i.ProductId!, StringComparer.Ordinal))
        {
            c.Add(day, F.Product(product.Key, F.ProductOrders), 1);
            c.Add(day, F.Product(product.Key, F.ProductUnits), product.Count());
            c.Add(day, F.Product(product.Key, F.ProductSales), product.Sum(i => MetricContribution.Money(i.SalePrice)));
        }
    }
}
