using System.Globalization;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Data.Products;
using OpenClaw.TikTokShop.Simulator.Hosting;

namespace OpenClaw.TikTokShop.Simulator.Data.Orders;

/// <summary>
/// Generates a shop's orders one shop-local creation day at a time, as a pure function of (seed, shop, day, ordinal),
/// and caches recent days with a bound. Order ids encode (shop, day, ordinal) so a single order is found without a scan.
/// </summary>
public sealed class OrderPlanner
{
    /// <summary>The on-hold (buyer remorse) window after payment.</summary>
    public const long RemorseSeconds = 3600;

    /// <summary>
    /// Upper bounds of how long after its creation an order can still change, per entity: a search by update_time only
    /// scans creation days that can still have events in the window. They follow from the delays drawn below (a test
    /// checks generated plans against them): order and package ≤ 0.5 h + 120 h + 26 h + 6 d + 7 d ≈ 19.1 d;
    /// cancellation ≤ 0.5 h + 146 h + 5 d ≈ 11.1 d; return ≤ 12.1 d + 5 d + 9 d ≈ 26.1 d. The other refunds
    /// (<see cref="RefundScenarios"/>) stay inside these: a refused package is back ≤ 12.1 d + 6 d, a refund before
    /// shipment ends before the planned shipment + 12 h, a seller's refund ≤ 12.1 d + 3 d + 2 h.
    /// </summary>
    public const int OrderSpanDays = 20;

    /// <summary>See <see cref="OrderSpanDays"/>.</summary>
    public const int CancellationSpanDays = 12;

    /// <summary>See <see cref="OrderSpanDays"/>; also the longest span of all.</summary>
    public const int ReturnSpanDays = 27;

    /// <summary>The longest timeline of any entity.</summary>
    public const int MaxTimelineDays = ReturnSpanDays;

    private const long Hour = 3600;
    private const long Day = 86_400;

    private readonly SimulatorSettings _settings;
    private readonly Func<OrderPlan, OrderDetails> _detail;
    private readonly BoundedCache<(int Shop, int Day), IReadOnlyList<OrderPlan>> _cache;

    /// <summary>Creates the planner.</summary>
    public OrderPlanner(IOptions<SimulatorSettings> settings, ShopDirectory shops, ProductCatalog products)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Value;
        _detail = new OrderDetailPlanner(_settings, shops, products).Detail;
        _cache = new BoundedCache<(int Shop, int Day), IReadOnlyList<OrderPlan>>(_settings.CachedShopDays);
    }

    /// <summary>The shop-local date of the first generated day.</summary>
    public DateOnly FirstDay(Shop shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        return shop.Region.LocalDate(_settings.WorldAnchor.ToUnixTimeSeconds() - _settings.HistoryDays * Day);
    }

    /// <summary>The orders created on one shop-local day (all of them, including those still in the future).</summary>
    public IReadOnlyList<OrderPlan> OrdersOn(Shop shop, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(shop);
        if (day < FirstDay(shop))
        {
            return [];
        }

        return _cache.GetOrAdd((shop.Index, day.DayNumber), _ => Generate(shop, day));
    }

    /// <summary>Orders created on the local days from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public IEnumerable<OrderPlan> OrdersBetween(Shop shop, DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var order in OrdersOn(shop, day))
            {
                yield return order;
            }
        }
    }

    /// <summary>Finds an order of <paramref name="shop"/> by id; null when the id is not one of its orders.</summary>
    public OrderPlan? Find(Shop shop, string id)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(id);
        // Layout: "57" + shop index (6) + day number (6) + ordinal (4) = 18 digits, like TikTok order ids.
        if (id.Length != 18 || !id.StartsWith("57", StringComparison.Ordinal)
            || !int.TryParse(id.AsSpan(2, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var shopIndex) || shopIndex != shop.Index
            || !int.TryParse(id.AsSpan(8, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var dayNumber)
            || !int.TryParse(id.AsSpan(14, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
        {
            return null;
        }

        var orders = OrdersOn(shop, DateOnly.FromDayNumber(dayNumber));
        return ordinal < orders.Count ? orders[ordinal] : null;
    }

    private OrderPlan[] Generate(Shop shop, DateOnly day)
    {
        var dayRandom = new DeterministicRandom(_settings.Seed, 3, shop.Index, day.DayNumber);
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.2 : 1.0;
        var count = (int)Math.Min(9999, Math.Round(_settings.OrdersPerShopPerDay * shop.Activity * weekend * (0.8 + 0.4 * dayRandom.NextDouble())));
        var midnight = shop.Region.LocalMidnight(day);
        var length = shop.Region.LocalMidnight(day.AddDays(1)) - midnight;
        var offsets = new long[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = dayRandom.Next(0, length);
        }

        Array.Sort(offsets);
        var orders = new OrderPlan[count];
        for (var k = 0; k < count; k++)
        {
            orders[k] = Build(shop, day, k, midnight + offsets[k]);
        }

        return orders;
    }

    private OrderPlan Build(Shop shop, DateOnly day, int ordinal, long created)
    {
        var random = new DeterministicRandom(_settings.Seed, 4, shop.Index, day.DayNumber, ordinal);
        var id = string.Create(CultureInfo.InvariantCulture, $"57{shop.Index:D6}{day.DayNumber:D6}{ordinal:D4}");
        var events = new List<OrderEvent>(8) { new(created, "UNPAID") };
        var timeline = new OrderTimeline { Created = created, RtsSla = created + 3 * Day };
        if (!random.Chance(0.94))
        {
            timeline.Cancel = new CancelPlan(created + Day, created + Day, "SYSTEM", "Payment overdue");
        }
        else
        {
            PlanFulfilment(ref random, timeline, events);
        }

        if (timeline.Cancel is { } cancel)
        {
            events.Add(new(cancel.Time, "CANCELLED"));
        }

        var returnPlan = timeline.Delivered is { } delivered && timeline.Cancel is null && random.Chance(0.06)
            ? PlanReturn(ref random, id, delivered)
            : null;
        // The other refunds come from their own stream (6) so every draw above stays what it always was.
        var refunds = new DeterministicRandom(_settings.Seed, 6, shop.Index, day.DayNumber, ordinal);
        returnPlan = RefundScenarios.Apply(ref refunds, id, timeline, events, returnPlan);
        var times = new OrderTimes(created, timeline.Paid, timeline.RtsSla, timeline.Rts, timeline.Collected, timeline.Delivered, timeline.Completed, timeline.Exception,
            timeline.Refused);
        return new OrderPlan(id, shop.Index, day.DayNumber, ordinal, times, timeline.Cancel, returnPlan, events.ToArray(), _detail);
    }

    private static void PlanFulfilment(ref DeterministicRandom random, OrderTimeline t, List<OrderEvent> events)
    {
        var paid = t.Created + random.Next(20, 1800);
        t.Paid = paid;
        t.RtsSla = paid + 3 * Day;
        events.Add(new(paid, "ON_HOLD"));
        var fate = random.NextDouble();
        if (fate < 0.04)
        {
            // Buyer remorse: cancelled while on hold, approved automatically.
            var request = paid + random.Next(60, RemorseSeconds - 60);
            t.Cancel = new CancelPlan(request, request + random.Next(5, 50), "BUYER", random.Chance(0.5) ? "No longer needed" : "Need to change payment method");
            return;
        }

        events.Add(new(paid + RemorseSeconds, "AWAITING_SHIPMENT"));
        if (fate < 0.06)
        {
            var at = paid + RemorseSeconds + random.Next(Hour, 30 * Hour);
            t.Cancel = new CancelPlan(at, at, "SELLER", random.Chance(0.7) ? "Out of stock" : "Pricing error");
            return;
        }

        var speed = random.NextDouble();
        var rtsDelay = speed < 0.78 ? random.Next(2 * Hour, 40 * Hour) : speed < 0.92 ? random.Next(40 * Hour, 72 * Hour) : random.Next(72 * Hour, 120 * Hour);
        t.Rts = paid + rtsDelay;
        events.Add(new(t.Rts.Value, "AWAITING_COLLECTION"));
        t.Collected = t.Rts + random.Next(2 * Hour, 26 * Hour);
        events.Add(new(t.Collected.Value, "IN_TRANSIT"));
        if (random.Chance(0.005))
        {
            var lost = t.Collected.Value + 5 * Day;
            t.Cancel = new CancelPlan(lost, lost, "SYSTEM", "Package lost in transit");
            return;
        }

        t.Exception = random.Chance(0.03);
        t.Delivered = t.Collected + random.Next(Day, 5 * Day) + (t.Exception ? Day : 0);
        events.Add(new(t.Delivered.Value, "DELIVERED"));
        t.Completed = t.Delivered + 7 * Day;
        events.Add(new(t.Completed.Value, "COMPLETED"));
    }

    private static ReturnPlan PlanReturn(ref DeterministicRandom random, string orderId, long delivered)
    {
        var requested = delivered + random.Next(6 * Hour, 5 * Day);
        var refundOnly = random.Chance(0.4);
        var reasons = refundOnly
            ? new[] { ("ecom_order_delivered_refund_reason_missing_item", "Missing item"), ("ecom_order_delivered_refund_reason_damaged", "Item damaged") }
            : new[] { ("ecom_order_delivered_return_reason_wrong_item", "Wrong item sent"), ("ecom_order_delivered_return_reason_not_as_described", "Not as described") };
        var (reason, text) = random.Pick(reasons);
        var fullRefund = !random.Chance(0.5);
        var events = new List<(long, string)> { (requested, "RETURN_OR_REFUND_REQUEST_PENDING") };
        var outcome = random.NextDouble();
        if (outcome < 0.15)
        {
            events.Add((requested + random.Next(4 * Hour, 48 * Hour), "REFUND_OR_RETURN_REQUEST_REJECT"));
        }
        else if (outcome < 0.2)
        {
            events.Add((requested + random.Next(Hour, 24 * Hour), "RETURN_OR_REFUND_REQUEST_CANCEL"));
        }
        else if (refundOnly)
        {
            events.Add((requested + random.Next(2 * Hour, 48 * Hour), "RETURN_OR_REFUND_REQUEST_COMPLETE"));
        }
        else
        {
            var approved = requested + random.Next(2 * Hour, 24 * Hour);
            var shipped = approved + random.Next(12 * Hour, 72 * Hour);
            events.Add((approved, "AWAITING_BUYER_SHIP"));
            events.Add((shipped, "BUYER_SHIPPED_ITEM"));
            events.Add((shipped + random.Next(2 * Day, 5 * Day), "RETURN_OR_REFUND_REQUEST_COMPLETE"));
        }

        return new ReturnPlan("46" + orderId[2..], refundOnly ? "REFUND" : "RETURN_AND_REFUND", reason, text, fullRefund, events);
    }
}
