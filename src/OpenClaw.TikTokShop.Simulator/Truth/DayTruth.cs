using System.Text.Json.Serialization;

namespace OpenClaw.TikTokShop.Simulator.Truth;

/// <summary>One shop-local day of ground truth; definitions in docs/simulator.md.</summary>
public sealed record DayTruth
{
    /// <summary>The shop-local date (yyyy-MM-dd).</summary>
    public required string Date { get; init; }
    /// <summary>Orders whose create_time is on the day.</summary>
    public int OrdersCreated { get; set; }
    /// <summary>Orders whose paid_time is on the day.</summary>
    public int OrdersPaid { get; set; }
    /// <summary>Σ payment.total_amount of orders paid on the day (decimal string).</summary>
    public string Gmv { get; set; } = "0";
    /// <summary>The shop's currency.</summary>
    public required string Currency { get; init; }
    /// <summary>Line items (units) of orders paid on the day.</summary>
    public int UnitsSold { get; set; }
    /// <summary>Orders whose cancel_time is on the day.</summary>
    public int OrdersCancelled { get; set; }
    /// <summary>Of those, cancellation_initiator SELLER.</summary>
    public int OrdersCancelledBySeller { get; set; }
    /// <summary>Returns/refunds whose create_time is on the day.</summary>
    public int ReturnsRequested { get; set; }
    /// <summary>Returns reaching RETURN_OR_REFUND_REQUEST_COMPLETE on the day.</summary>
    public int RefundsCompleted { get; set; }
    /// <summary>Σ refund_total of those (decimal string).</summary>
    public string RefundAmount { get; set; } = "0";
    /// <summary>Orders whose rts_time is on the day.</summary>
    public int OrdersShipped { get; set; }
    /// <summary>Of those, rts_time − paid_time ≤ 48 h.</summary>
    [JsonPropertyName("orders_shipped_within_48h")]
    public int OrdersShippedWithin48h { get; set; }
    /// <summary>Of those, rts_time &gt; rts_sla_time.</summary>
    public int OrdersShippedLate { get; set; }
    /// <summary>Orders whose delivery_time is on the day.</summary>
    public int OrdersDelivered { get; set; }
    /// <summary>Mean (delivery_time − collection_time) in hours of those, 2 decimals; null when none.</summary>
    public double? AvgDeliveryHours { get; set; }
    /// <summary>Products created by the end of the day (or now).</summary>
    public int ProductsTotal { get; set; }
    /// <summary>Of those, status FAILED at that instant.</summary>
    public int ProductsAuditFailed { get; set; }
    /// <summary>Of those, status ACTIVATE at that instant.</summary>
    public int ProductsActive { get; set; }
    /// <summary>Products that became PLATFORM_DEACTIVATED or FREEZE during the day.</summary>
    public int Violations { get; set; }

    /// <summary>Distinct buyers of orders paid on the day (for analytics; not part of the truth document).</summary>
    [JsonIgnore]
    public int Buyers { get; set; }

    /// <summary>GMV as a number (internal).</summary>
    [JsonIgnore]
    public decimal GmvValue { get; set; }

    /// <summary>Refund amount as a number (internal).</summary>
    [JsonIgnore]
    public decimal RefundValue { get; set; }
}
