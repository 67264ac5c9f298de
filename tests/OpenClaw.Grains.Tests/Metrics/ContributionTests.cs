using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Metrics;

namespace OpenClaw.Grains.Tests.Metrics;

public sealed class OrderContributionTests
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    internal static StoredOrder Order(
        string status, DateTimeOffset created, DateTimeOffset? paid, decimal total = 25.99m, DateTimeOffset? cancel = null, string? initiator = null,
        DateTimeOffset? rts = null, DateTimeOffset? collected = null, DateTimeOffset? delivered = null, string currency = "USD",
        IReadOnlyList<StoredLineItem>? lines = null) =>
        new("o1", status, created, cancel ?? delivered ?? rts ?? paid ?? created, paid, currency, total, lines?.Count ?? 1, ["p1"], "w1", "USPS", "TT1", initiator, cancel,
            null, paid?.AddHours(72), rts, collected, delivered, ["pk1"], lines ?? [new StoredLineItem("p1", total)]);

    private static StoredReturn Refund(string status, DateTimeOffset created, DateTimeOffset updated, decimal amount) =>
        new("r1", "o1", "REFUND", status, "BUYER", "ecom_order_delivered_refund_reason_wrong", null, "USD", amount, created, updated);

    private static MetricContribution Compute(StoredOrder? order, StoredReturn[]? returns = null, TimeZoneInfo? zone = null, StoredTracking? tracking = null) =>
        OrderContribution.Compute(new OrderGroup("o1", order, returns ?? [], [], tracking), zone ?? LosAngeles);

    [Fact]
    public void Order_PaidThenCancelledThenRefunded_FieldsMoveToTheirDays()
    {
        // 2026-11-10 10:00 PST = 18:00 UTC.
        var created = Utc("2026-11-10T18:00:00Z");
        var paid = created.AddMinutes(5);
        var cancelled = Utc("2026-11-12T03:00:00Z"); // 11-11 19:00 local
        var refunded = Utc("2026-11-13T20:00:00Z");  // 11-13 12:00 local

        var asPaid = Compute(Order("AWAITING_SHIPMENT", created, paid));
        var asCancelled = Compute(Order("CANCELLED", created, paid, cancel: cancelled, initiator: "SELLER"));
        var asRefunded = Compute(Order("CANCELLED", created, paid, cancel: cancelled, initiator: "SELLER"),
            [Refund("RETURN_OR_REFUND_REQUEST_COMPLETE", cancelled, refunded, 25.99m)]);

        Assert.Equal(1, asPaid["2026-11-10", "orders_paid"]);
        Assert.Equal(2599, asPaid["2026-11-10", "gmv"]);
        Assert.Equal(0, asPaid["2026-11-11", "orders_cancelled"]);
        Assert.Equal(1, asCancelled["2026-11-11", "orders_cancelled"]);
        Assert.Equal(1, asCancelled["2026-11-11", "orders_cancelled_seller"]);
        Assert.Equal(1, asCancelled["2026-11-11", "w:w1:orders_cancelled_seller"]);
        Assert.Equal(1, asCancelled["2026-11-10", "orders_paid"]); // a cancelled order was still paid on its day
        Assert.Equal(1, asRefunded["2026-11-11", "returns_requested"]);
        Assert.Equal(1, asRefunded["2026-11-11", "returns_requested:refund_before_shipment"]);
        Assert.Equal(1, asRefunded["2026-11-13", "refunds_completed"]);
        Assert.Equal(2599, asRefunded["2026-11-13", "refund_amount:refund_before_shipment"]);
        Assert.Equal(1, asRefunded["2026-11-13", "p:p1:refunds"]);

        // Applying the later version in place of the earlier moves only what changed.
        var delta = MetricContribution.Difference(asPaid, asCancelled);
        Assert.Contains(("2026-11-11", "orders_cancelled", 1L), delta);
        Assert.DoesNotContain(delta, d => d.Field == "orders_paid");
    }

    [Fact]
    public void Order_Shipped_DispatchAndDeliveryFields()
    {
        var paid = Utc("2026-11-02T12:00:00Z");
        var rts = paid.AddHours(80); // late (SLA = paid + 72 h) and not within 48 h
        var collected = rts.AddHours(3);
        var delivered = collected.AddHours(49.5);
        var tracking = new StoredTracking("o1", "pk1", [new StoredScan("Delivered", delivered), new StoredScan("USPS 9003: Package refused", collected.AddHours(1))], delivered);

        var c = Compute(Order("DELIVERED", paid.AddMinutes(-1), paid, rts: rts, collected: collected, delivered: delivered), tracking: tracking, zone: TimeZoneInfo.Utc);

        Assert.Equal(1, c["2026-11-05", "orders_shipped"]);
        Assert.Equal(0, c["2026-11-05", "orders_shipped_48h"]);
        Assert.Equal(1, c["2026-11-05", "orders_shipped_late"]);
        Assert.Equal(1, c["2026-11-05", "orders_tracked"]);
        Assert.Equal(1, c["2026-11-05", "orders_tracking_valid"]);
        Assert.Equal(0, c["2026-11-05", "w:w1:orders_tracked"]);
        Assert.Equal(1, c["2026-11-08", "delivery_hours:49"]);
        Assert.Equal(1, c["2026-11-06", "logistics_exceptions:package_refused"]);
        Assert.Equal(1, c["2026-11-06", "logistics_exception_codes:USPS 9003"]);
    }

    [Theory]
    // US DST ends 2026-11-01 02:00 PDT: 2026-11-01 is 25 h long (07:00Z to 08:00Z next day).
    [InlineData("America/Los_Angeles", "2026-11-01T07:00:00Z", "2026-11-01")]
    [InlineData("America/Los_Angeles", "2026-11-01T06:59:59Z", "2026-10-31")]
    [InlineData("America/Los_Angeles", "2026-11-02T07:59:59Z", "2026-11-01")]
    [InlineData("America/Los_Angeles", "2026-11-02T08:00:00Z", "2026-11-02")]
    // US DST starts 2026-03-08: a 23 h day (08:00Z to 07:00Z next day).
    [InlineData("America/Los_Angeles", "2026-03-09T06:59:59Z", "2026-03-08")]
    [InlineData("America/Los_Angeles", "2026-03-09T07:00:00Z", "2026-03-09")]
    // UK: BST ends 2026-10-25 (25 h day from 23:00Z on the 24th), starts 2026-03-29 (23 h day).
    [InlineData("Europe/London", "2026-10-24T23:00:00Z", "2026-10-25")]
    [InlineData("Europe/London", "2026-10-25T23:59:59Z", "2026-10-25")]
    [InlineData("Europe/London", "2026-03-29T22:59:59Z", "2026-03-29")]
    [InlineData("Europe/London", "2026-03-29T23:00:00Z", "2026-03-30")]
    [InlineData("Asia/Bangkok", "2026-11-01T16:59:59Z", "2026-11-01")]
    [InlineData("Asia/Bangkok", "2026-11-01T17:00:00Z", "2026-11-02")]
    public void Order_CreatedNearMidnight_CountsOnTheShopLocalDay(string zone, string createdUtc, string day)
    {
        var c = Compute(Order("UNPAID", Utc(createdUtc), null), zone: TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(1, c[day, "orders_created"]);
        Assert.Single(c.Buckets);
    }

    [Theory]
    [InlineData("USD", "25.99", 2599)]
    [InlineData("USD", "0.01", 1)]
    [InlineData("VND", "1250000", 125000000)]
    [InlineData("IDR", "99999999999", 9999999999900)]
    [InlineData("GBP", "1234567.89", 123456789)]
    public void Order_Money_MinorUnitsTimes100Exact(string currency, string total, long expected)
    {
        var amount = decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture);
        var paid = Utc("2026-11-10T12:00:00Z");
        var c = Compute(Order("AWAITING_SHIPMENT", paid, paid, total: amount, currency: currency,
            lines: [new StoredLineItem("p1", amount), new StoredLineItem("p2", 0.5m), new StoredLineItem("p1", amount)]), zone: London);

        Assert.Equal(expected, c["2026-11-10", "gmv"]);
        Assert.Equal(expected, c["2026-11-10", "w:w1:gmv"]);
        Assert.Equal(2 * expected, c["2026-11-10", "p:p1:sales"]);
        Assert.Equal(1, c["2026-11-10", "p:p1:orders"]);
        Assert.Equal(2, c["2026-11-10", "p:p1:units"]);
        Assert.Equal(3, c["2026-11-10", "units"]);
        Assert.Equal(50, c["2026-11-10", "p:p2:sales"]);
    }

    [Fact]
    public void Return_BeforeItsOrderIsStored_UnclassifiedThenFilledIn()
    {
        var at = Utc("2026-11-10T12:00:00Z");
        var alone = Compute(null, [Refund("RETURN_OR_REFUND_REQUEST_COMPLETE", at, at.AddHours(2), 5m)], Bangkok);
        var joined = Compute(Order("DELIVERED", at.AddDays(-3), at.AddDays(-3), rts: at.AddDays(-2)), [Refund("RETURN_OR_REFUND_REQUEST_COMPLETE", at, at.AddHours(2), 5m)], Bangkok);

        Assert.Equal(1, alone["2026-11-10", "returns_requested:unclassified"]);
        Assert.Equal(500, alone["2026-11-10", "refund_amount"]);
        Assert.DoesNotContain(alone.Buckets.Values.SelectMany(f => f.Keys), k => k.StartsWith("w:", StringComparison.Ordinal));
        Assert.Equal(1, joined["2026-11-10", "returns_requested:return_after_delivery"]);
        Assert.Equal(0, joined["2026-11-10", "returns_requested:unclassified"]);
        Assert.Equal(500, joined["2026-11-10", "w:w1:refund_amount"]);
    }

    [Fact]
    public void Contribution_EncodeDecode_RoundTrips()
    {
        var paid = Utc("2026-11-10T12:00:00Z");
        var c = Compute(Order("DELIVERED", paid, paid, rts: paid.AddHours(5)));
        c.Add("products", "audit_failed_reason:Image has\u001ftext=bad", 1);

        var back = MetricContribution.Decode(c.Encode());

        Assert.Empty(MetricContribution.Difference(c, back));
        Assert.Equal(1, back["products", "audit_failed_reason:Image has text=bad"]);
    }
}

public sealed class ProductContributionTests
{
    private static StoredProduct Product(string status, string? audit, params string[] reasons) =>
        new("p1", "Mug", status, audit, reasons, "c1", "Mugs", DateTimeOffset.FromUnixTimeSeconds(1_790_000_000), DateTimeOffset.Parse("2026-11-10T07:30:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Product_FailedAudit_DayAndSnapshotFields()
    {
        var c = ProductContribution.Compute(Product("FAILED", "FAILED", "Image blurry", "Image blurry", "Wrong category"), TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));

        Assert.Equal(1, c["2026-11-09", "products_audit_failed"]);
        Assert.Equal(1, c["2026-11-09", "violations"]);
        Assert.Equal(1, c["2026-11-09", "audit_failed_reason:Image blurry"]);
        Assert.Equal(1, c["products", "audit_failed_reason:Wrong category"]);
        Assert.Equal(1, c["products", "products_total"]);
        Assert.Equal(0, c["products", "products_active"]);
        Assert.Equal(0, c["2026-11-09", "products_total"]);
    }

    [Theory]
    [InlineData("ACTIVATE", "APPROVED", "products_audit_passed", 0)]
    [InlineData("FREEZE", "APPROVED", "products_frozen", 1)]
    [InlineData("PLATFORM_DEACTIVATED", "PRE_APPROVED", "products_deactivated", 1)]
    [InlineData("SELLER_DEACTIVATED", "APPROVED", "products_deactivated", 0)]
    public void Product_Status_CountsItsFieldAndViolations(string status, string audit, string field, long violations)
    {
        var c = ProductContribution.Compute(Product(status, audit), TimeZoneInfo.Utc);

        Assert.Equal(1, c["2026-11-10", field]);
        Assert.Equal(violations, c["2026-11-10", "violations"]);
        Assert.Equal(status == "ACTIVATE" ? 1 : 0, c["products", "products_active"]);
    }
}
