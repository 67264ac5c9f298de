using System.Globalization;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Orders;
using OpenClaw.TikTokShop.Simulator.Data.Products;

namespace OpenClaw.TikTokShop.Simulator.Truth;

/// <summary>
/// Daily metrics computed from the generator's plans (never from API responses), as of the simulated now: an event
/// counts on the shop-local day of its timestamp once it has happened.
/// </summary>
public sealed class GroundTruth(OrderPlanner orders, ProductCatalog products)
{
    private const long Hour = 3600;

    /// <summary>Truth for the shop-local days <paramref name="from"/>..<paramref name="to"/> inclusive.</summary>
    public IReadOnlyList<DayTruth> Compute(Shop shop, DateOnly from, DateOnly to, long now)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var region = shop.Region;
        var days = new SortedDictionary<DateOnly, DayTruth>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            days[d] = new DayTruth { Date = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Currency = region.Currency };
        }

        var buyers = days.Keys.ToDictionary(d => d, _ => new HashSet<string>(StringComparer.Ordinal));
        var deliveryHours = days.Keys.ToDictionary(d => d, _ => new List<double>());
        var today = region.LocalDate(now);
        var last = to < today ? to : today;
        foreach (var order in orders.OrdersBetween(shop, from.AddDays(-OrderPlanner.MaxTimelineDays), last))
        {
            if (order.CreateTime > now)
            {
                continue;
            }

            Count(order.CreateTime, t => t.OrdersCreated++);
            if (order.PaidTime is { } paid)
            {
                Count(paid, t =>
                {
                    t.OrdersPaid++;
                    t.GmvValue += order.Money.Total;
                    t.UnitsSold += order.LineItems.Count;
                });
                Count(paid, t => buyers[region.LocalDate(paid)].Add(order.BuyerId));
            }

            if (order.Cancel is { } cancel)
            {
                Count(cancel.Time, t =>
                {
                    t.OrdersCancelled++;
                    t.OrdersCancelledBySeller += cancel.Initiator == "SELLER" ? 1 : 0;
                });
            }

            if (order.RtsTime is { } rts)
            {
                Count(rts, t =>
                {
                    t.OrdersShipped++;
                    t.OrdersShippedWithin48h += rts - order.PaidTime!.Value <= 48 * Hour ? 1 : 0;
                    t.OrdersShippedLate += rts > order.RtsSlaTime ? 1 : 0;
                });
            }

            if (order.DeliveryTime is { } delivered)
            {
                Count(delivered, t =>
                {
                    t.OrdersDelivered++;
                    deliveryHours[region.LocalDate(delivered)].Add((delivered - order.CollectionTime!.Value) / (double)Hour);
                });
            }

            if (order.Return is { } ret)
            {
                Count(ret.CreateTime, t => t.ReturnsRequested++);
                if (ret.RefundTime is { } refunded)
                {
                    Count(refunded, t =>
                    {
                        t.RefundsCompleted++;
                        t.RefundValue += order.RefundAmount;
                    });
                }
            }
        }

        foreach (var (date, truth) in days)
        {
            truth.Gmv = region.Format(truth.GmvValue);
            truth.RefundAmount = region.Format(truth.RefundValue);
            truth.Buyers = buyers[date].Count;
            truth.AvgDeliveryHours = deliveryHours[date].Count > 0 ? Math.Round(deliveryHours[date].Average(), 2) : null;
            CountProducts(shop, region, date, truth, now);
        }

        return days.Values.ToList();

        void Count(long time, Action<DayTruth> apply)
        {
            if (time <= now && days.TryGetValue(region.LocalDate(time), out var truth))
            {
                apply(truth);
            }
        }
    }

    private void CountProducts(Shop shop, Region region, DateOnly date, DayTruth truth, long now)
    {
        var start = region.LocalMidnight(date);
        var end = Math.Min(region.LocalMidnight(date.AddDays(1)) - 1, now);
        if (end < start)
        {
            return;
        }

        foreach (var product in products.For(shop))
        {
            if (product.CreateTime > end)
            {
                continue;
            }

            truth.ProductsTotal++;
            var state = product.StateAt(end)!;
            truth.ProductsAuditFailed += state.Status == "FAILED" ? 1 : 0;
            truth.ProductsActive += state.Status == "ACTIVATE" ? 1 : 0;
            truth.Violations += product.Events.Count(e => e.IsViolation && e.Time >= start && e.Time <= end);
        }
    }
}
