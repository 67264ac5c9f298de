namespace OpenClaw.TikTokShop.Simulator.Data.Orders;

/// <summary>
/// The refunds besides a buyer's return after delivery, drawn after the order's main timeline from their own random
/// stream: a refund requested before shipment (3 % of orders that would ship), a package refused at the door (1.5 % of
/// delivered orders) and a seller-initiated refund (2 % of delivered orders without a buyer return). An order has at
/// most one return; these replace the buyer's return when they happen, and rewrite the timeline where the refund
/// changes it (contract §5: cancelled before shipment; IN_TRANSIT → COMPLETED on a full refund).
/// </summary>
internal static class RefundScenarios
{
    public const double BeforeShipmentRate = 0.03;
    public const double RefusedRate = 0.015;
    public const double SellerRate = 0.02;

    private const long Minute = 60;
    private const long Hour = 3600;
    private const long Day = 86_400;
    private const string Pending = "RETURN_OR_REFUND_REQUEST_PENDING";
    private const string Complete = "RETURN_OR_REFUND_REQUEST_COMPLETE";

    private static readonly (string Reason, string Text)[] UnshippedReasons =
    [
        ("ecom_order_unshipped_refund_reason_no_longer_needed", "No longer needed"),
        ("ecom_order_unshipped_refund_reason_shipping_too_slow", "Shipping takes too long"),
    ];

    private static readonly (string Reason, string Text)[] SellerReasons =
    [
        ("seller_refund_reason_goodwill", "Goodwill gesture"),
        ("seller_refund_reason_price_adjustment", "Price adjustment"),
    ];

    /// <summary>The order's return after these scenarios (may rewrite <paramref name="t"/> and <paramref name="events"/>).</summary>
    public static ReturnPlan? Apply(ref DeterministicRandom random, string orderId, OrderTimeline t, List<OrderEvent> events, ReturnPlan? buyerReturn)
    {
        var roll = random.NextDouble();
        if (t.Cancel is null && t.Rts is { } rts && roll < BeforeShipmentRate)
        {
            return BeforeShipment(ref random, orderId, t, events, rts);
        }

        if (t.Delivered is { } delivered && roll is >= BeforeShipmentRate and < BeforeShipmentRate + RefusedRate)
        {
            return Refused(ref random, orderId, t, events, delivered);
        }

        if (t.Delivered is { } received && buyerReturn is null && roll is >= BeforeShipmentRate + RefusedRate and < BeforeShipmentRate + RefusedRate + SellerRate)
        {
            return SellerRefund(ref random, orderId, received);
        }

        return buyerReturn;
    }

    // Requested while AWAITING_SHIPMENT. 65 % completed: the order is cancelled at that moment and never ships;
    // otherwise rejected (20 %) or withdrawn (15 %) before the order ships as planned.
    private static ReturnPlan BeforeShipment(ref DeterministicRandom random, string orderId, OrderTimeline t, List<OrderEvent> events, long rts)
    {
        var awaiting = t.Paid!.Value + OrderPlanner.RemorseSeconds;
        var requested = awaiting + random.Next(10 * Minute, Math.Max(10 * Minute + 1, (rts - awaiting) / 2));
        var (reason, text) = random.Pick(UnshippedReasons);
        var history = new List<(long, string)> { (requested, Pending) };
        var outcome = random.NextDouble();
        if (outcome < 0.65)
        {
            var refunded = requested + random.Next(30 * Minute, 12 * Hour);
            history.Add((refunded, Complete));
            events.RemoveAll(e => e.Time > requested);
            events.Add(new(refunded, "CANCELLED"));
            (t.Rts, t.Collected, t.Delivered, t.Completed, t.Exception) = (null, null, null, null, false);
            t.Cancel = new CancelPlan(requested, refunded, "BUYER", "Refund requested before shipment");
        }
        else
        {
            history.Add((requested + random.Next(10 * Minute, rts - requested), outcome < 0.85 ? "REFUND_OR_RETURN_REQUEST_REJECT" : "RETURN_OR_REFUND_REQUEST_CANCEL"));
        }

        return new ReturnPlan(ReturnId(orderId), "REFUND", reason, text, FullRefund: true, history, "BUYER", RefundSubReason.RefundBeforeShipment);
    }

    // The buyer refuses the package when the carrier brings it; it travels back and the order completes on the full refund.
    private static ReturnPlan Refused(ref DeterministicRandom random, string orderId, OrderTimeline t, List<OrderEvent> events, long refusedAt)
    {
        var back = refusedAt + random.Next(2 * Day, 6 * Day);
        events.RemoveAll(e => e.Status is "DELIVERED" or "COMPLETED");
        events.Add(new(back, "COMPLETED"));
        (t.Delivered, t.Refused, t.Completed) = (null, refusedAt, back);
        return new ReturnPlan(ReturnId(orderId), "RETURN_AND_REFUND", "ecom_order_refused_on_delivery", "Buyer refused the package on delivery", FullRefund: true,
            [(refusedAt, "REJECT_RECEIVE_PACKAGE"), (back, Complete)], "SYSTEM", RefundSubReason.RefusedOnDelivery);
    }

    // The seller refunds after delivery without a request: completed within two hours, the first item (70 %) or all.
    private static ReturnPlan SellerRefund(ref DeterministicRandom random, string orderId, long delivered)
    {
        var created = delivered + random.Next(Hour, 3 * Day);
        var (reason, text) = random.Pick(SellerReasons);
        var full = random.Chance(0.3);
        return new ReturnPlan(ReturnId(orderId), "REFUND", reason, text, full, [(created, Pending), (created + random.Next(5 * Minute, 2 * Hour), Complete)],
            "SELLER", RefundSubReason.SellerInitiated);
    }

    private static string ReturnId(string orderId) => "46" + orderId[2..];
}
