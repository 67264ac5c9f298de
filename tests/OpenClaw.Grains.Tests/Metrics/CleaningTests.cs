using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Metrics.Cleaning;

namespace OpenClaw.Grains.Tests.Metrics;

public sealed class LogisticsExceptionCatalogueTests
{
    [Theory]
    [InlineData("USPS 9003: Package refused", "USPS 9003", "package_refused")]
    [InlineData("J&T Express E104: Address incomplete", "J&T Express E104", "address_issue")]
    [InlineData("Ninja Van NV-21: Parcel damaged", "Ninja Van NV-21", "damaged")]
    [InlineData("Royal Mail RM45: Delayed in network", "Royal Mail RM45", "delayed")]
    // Codes the catalogue does not know: the text decides.
    [InlineData("Kerry Express K77: Recipient rejected the parcel", "Kerry Express K77", "package_refused")]
    [InlineData("Flash Express F12: Addressee unknown", "Flash Express F12", "address_issue")]
    [InlineData("USPS 4410: Item missing from container", "USPS 4410", "lost")]
    [InlineData("USPS 4411: Package lost: returned to sender", "USPS 4411", "lost")]
    [InlineData("Royal Mail RM90: Broken seal on arrival", "Royal Mail RM90", "damaged")]
    [InlineData("Ninja Van NV-88: Returned to sender", "Ninja Van NV-88", "returned_to_sender")]
    [InlineData("J&T Express E900: RTS initiated", "J&T Express E900", "returned_to_sender")]
    [InlineData("USPS 7001: Held at customs", "USPS 7001", "delayed")]
    [InlineData("Royal Mail RM12: Running late", "Royal Mail RM12", "delayed")]
    // Novel codes with no keyword: kept, unclassified.
    [InlineData("USPS 9999: Condition code QX", "USPS 9999", "unclassified")]
    [InlineData("Ninja Van NV-404: Translate relation", "Ninja Van NV-404", "unclassified")]
    // Edge cases: empty text, odd spacing.
    [InlineData("USPS 9123:", "USPS 9123", "unclassified")]
    [InlineData("  Royal   Mail  RM45 :  Delayed   in network ", "Royal Mail RM45", "delayed")]
    [InlineData("USPS\t9003:Package refused", "USPS 9003", "package_refused")]
    public void Classify_CarrierExceptionScan_CategoryAndRawCode(string description, string rawCode, string category)
    {
        var scan = LogisticsExceptionCatalogue.Classify(description);

        Assert.NotNull(scan);
        Assert.Equal(rawCode, scan.RawCode);
        Assert.Equal(category, scan.Category);
    }

    [Theory]
    [InlineData("Package picked up by carrier")]
    [InlineData("Delivered")]
    [InlineData("Delivery attempt failed: recipient unavailable")]
    [InlineData("Package lost: returned to sender")]
    [InlineData("USPS: Package refused")] // no code
    [InlineData("9003: Package refused")] // no carrier
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Classify_PlainOrShapelessScan_NotAnException(string? description) =>
        Assert.Null(LogisticsExceptionCatalogue.Classify(description));
}

public sealed class RefundSubReasonTests
{
    private static readonly DateTimeOffset Rts = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);

    private static StoredReturn Return(string? role = "BUYER", string? reason = "ecom_order_delivered_refund_and_return_reason_wrong_item", long offset = 3600) =>
        new("r1", "o1", "REFUND", "RETURN_OR_REFUND_REQUEST_PENDING", role, reason, null, "USD", 10m, Rts.AddSeconds(offset), Rts.AddSeconds(offset));

    private static StoredOrder Order(DateTimeOffset? rts) =>
        new("o1", "DELIVERED", Rts.AddDays(-2), Rts, Rts.AddDays(-2), "USD", 10m, 1, [], "w1", null, null, null, null, null, null, rts, null, null, []);

    public static TheoryData<string, StoredReturn, StoredOrder?> Cases => new()
    {
        { RefundSubReason.SellerInitiated, Return(role: "SELLER", reason: "package_refused"), Order(Rts) },
        { RefundSubReason.SellerInitiated, Return(role: "seller"), null },
        { RefundSubReason.RefusedOnDelivery, Return(reason: "ecom_order_delivery_REFUSED"), Order(Rts) },
        { RefundSubReason.RefusedOnDelivery, Return(reason: "reject_receive_package"), null },
        { RefundSubReason.Unclassified, Return(), null },
        { RefundSubReason.RefundBeforeShipment, Return(), Order(null) },
        { RefundSubReason.RefundBeforeShipment, Return(offset: -1), Order(Rts) },
        { RefundSubReason.ReturnAfterDelivery, Return(offset: 0), Order(Rts) },
        { RefundSubReason.ReturnAfterDelivery, Return(reason: null), Order(Rts) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_FirstRuleThatApplies(string expected, StoredReturn request, StoredOrder? order) =>
        Assert.Equal(expected, RefundSubReason.Classify(request, order));
}
