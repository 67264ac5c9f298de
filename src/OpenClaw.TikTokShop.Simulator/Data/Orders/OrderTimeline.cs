namespace OpenClaw.TikTokShop.Simulator.Data.Orders;

/// <summary>An order's timeline while it is being drawn (Unix seconds); frozen into <see cref="OrderTimes"/> afterwards.</summary>
internal sealed class OrderTimeline
{
    public long Created { get; init; }
    public long? Paid { get; set; }
    public long RtsSla { get; set; }
    public long? Rts { get; set; }
    public long? Collected { get; set; }
    public long? Delivered { get; set; }
    public long? Completed { get; set; }
    public long? Refused { get; set; }
    public CancelPlan? Cancel { get; set; }
    public bool Exception { get; set; }
}
