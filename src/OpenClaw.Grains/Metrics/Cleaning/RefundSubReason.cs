using OpenClaw.Grains.Entities;

namespace OpenClaw.Grains.Metrics.Cleaning;

/// <summary>
/// Classifies a return/refund request into the sub-reasons of docs/metrics.md ("Refund sub-reasons"), first rule
/// that applies: seller initiated → refused on delivery → (order not stored: unclassified) → refund before shipment
/// → return after delivery.
/// </summary>
public static class RefundSubReason
{
    /// <summary>The return's <c>role</c> is SELLER.</summary>
    public const string SellerInitiated = "seller_initiated";

    /// <summary>The <c>return_reason</c> is a refused-delivery reason (contains <c>refused</c> or <c>reject_receive</c>).</summary>
    public const string RefusedOnDelivery = "refused_on_delivery";

    /// <summary>The order has no <c>rts_time</c>, or the request came before it.</summary>
    public const string RefundBeforeShipment = "refund_before_shipment";

    /// <summary>The order shipped before the request.</summary>
    public const string ReturnAfterDelivery = "return_after_delivery";

    /// <summary>The order is not stored (yet): nothing to judge the timing by.</summary>
    public const string Unclassified = "unclassified";

    /// <summary>The sub-reason of <paramref name="request"/> given its order (null when not stored).</summary>
    public static string Classify(StoredReturn request, StoredOrder? order)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.Equals(request.Role, "SELLER", StringComparison.OrdinalIgnoreCase))
        {
            return SellerInitiated;
        }

        if (request.Reason is { } reason && (reason.Contains("refused", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("reject_receive", StringComparison.OrdinalIgnoreCase)))
        {
            return RefusedOnDelivery;
        }

        if (order is null)
        {
            return Unclassified;
        }

        return order.RtsTime is not { } rts || request.CreateTime < rts ? RefundBeforeShipment : ReturnAfterDelivery;
    }
}
