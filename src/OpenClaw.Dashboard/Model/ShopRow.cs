namespace OpenClaw.Dashboard.Model;

/// <summary>How urgently a shop needs an operator.</summary>
public enum HealthLevel
{
    /// <summary>Nothing to do.</summary>
    Good = 0,

    /// <summary>A target missed or sync slowing down.</summary>
    Warning = 1,

    /// <summary>Sync stopped or about to: re-authorization, deactivation, long lag, several targets missed.</summary>
    Critical = 2,
}

/// <summary>Why a shop is not healthy; the page words it in the UI language.</summary>
public enum HealthReasonKind
{
    /// <summary>The seller must authorize again.</summary>
    NeedsReauthorization,

    /// <summary>TikTok deactivated the shop.</summary>
    Deactivated,

    /// <summary>An operator paused it.</summary>
    Paused,

    /// <summary>Sync lag above 15 minutes (critical above 30).</summary>
    SyncLag,

    /// <summary>Late dispatch ≥ 4 %.</summary>
    LateDispatch,

    /// <summary>Seller-fault cancellation &gt; 2.5 %.</summary>
    SellerFaultCancellation,

    /// <summary>Valid tracking &lt; 95 %.</summary>
    ValidTracking,

    /// <summary>Shipped within 48 h ≤ 95 %.</summary>
    FastDispatch,
}

/// <summary>One reason with the value that caused it (a rate 0–1, or seconds for lag).</summary>
/// <param name="Kind">What.</param>
/// <param name="Value">The value, when there is one.</param>
public sealed record HealthFinding(HealthReasonKind Kind, double? Value = null);

/// <summary>One row of the overview's shop grid: the shop, its metrics in the range and its health.</summary>
/// <param name="Shop">The shop.</param>
/// <param name="Summary">Its metrics over the chosen days, or null when unavailable.</param>
/// <param name="Level">Health level.</param>
/// <param name="Findings">Reasons, most urgent first.</param>
public sealed record ShopRow(ShopListItem Shop, MetricSummary? Summary, HealthLevel Level, IReadOnlyList<HealthFinding> Findings)
{
    /// <summary>Paid orders in the range (0 when unavailable).</summary>
    public long Orders => Summary?.Count("orders_paid") ?? 0;

    /// <summary>Sync lag in seconds, or -1 before the first window (sorts first ascending).</summary>
    public double Lag => Shop.MaxLagSeconds ?? -1;

    /// <summary>The shop's tags.</summary>
    public IReadOnlyList<string> Tags => Shop.Tags ?? [];
}
