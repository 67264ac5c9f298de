namespace OpenClaw.Dashboard.Model;

/// <summary>The metrics the compare page can chart, read from a <see cref="MetricSummary"/>.</summary>
public static class CompareMetrics
{
    /// <summary>Metric keys in menu order.</summary>
    public static readonly IReadOnlyList<string> Keys =
        ["orders_paid", "gmv", "refund_rate", "fast_dispatch", "late_dispatch", "valid_tracking", "seller_fault_cancellation"];

    /// <summary>True for the 0–1 rates (shown as %).</summary>
    public static bool IsRate(string key) => key is not ("orders_paid" or "gmv");

    /// <summary>The value of <paramref name="key"/>; GMV per <paramref name="currency"/>; rates as percentages.</summary>
    public static double? Value(MetricSummary? summary, string key, string? currency = null) => key switch
    {
        _ when summary is null => null,
        "orders_paid" => summary.Count("orders_paid"),
        "gmv" => (double?)summary.Money?.FirstOrDefault(m => m.Currency == currency)?.Gmv,
        "refund_rate" => summary.Rates?.Refund * 100,
        "fast_dispatch" => summary.Rates?.FastDispatch * 100,
        "late_dispatch" => summary.Rates?.LateDispatch * 100,
        "valid_tracking" => summary.Rates?.ValidTracking * 100,
        "seller_fault_cancellation" => summary.Rates?.SellerFaultCancellation * 100,
        _ => null,
    };

    /// <summary>The series a metric needs: one per currency for GMV, else one.</summary>
    public static IReadOnlyList<string?> Series(string key, CompareResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return key == "gmv"
            ? [.. result.Groups.SelectMany(g => g.Summary.Money ?? []).Select(m => m.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [null];
    }
}
