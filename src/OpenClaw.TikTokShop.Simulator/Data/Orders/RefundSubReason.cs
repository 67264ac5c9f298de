namespace OpenClaw.TikTokShop.Simulator.Data.Orders;

/// <summary>
/// The refund sub-reasons of docs/metrics.md ("Refund sub-reasons"). The generator records which one it made; the
/// contract's rules (role SELLER, a refused reason, created before rts_time) give the same answer from the public data.
/// </summary>
public static class RefundSubReason
{
    /// <summary>The seller refunded of their own accord (return <c>role</c> SELLER).</summary>
    public const string SellerInitiated = "seller_initiated";

    /// <summary>The buyer refused the package at the door (<c>return_reason</c> contains <c>refused</c>).</summary>
    public const string RefusedOnDelivery = "refused_on_delivery";

    /// <summary>A refund requested while the order was awaiting shipment.</summary>
    public const string RefundBeforeShipment = "refund_before_shipment";

    /// <summary>A return or refund requested after the order shipped (delivered).</summary>
    public const string ReturnAfterDelivery = "return_after_delivery";
}
