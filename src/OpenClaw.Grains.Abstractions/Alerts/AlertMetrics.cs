namespace OpenClaw.Grains.Alerts;

/// <summary>Unit of a metric value; decides validation bounds and how a value is written in a message.</summary>
public enum AlertMetricUnit
{
    /// <summary>A plain number.</summary>
    Number = 0,

    /// <summary>Percent, 0–100 (e.g. 3.5 means 3.5 %).</summary>
    Percent = 1,

    /// <summary>Seconds.</summary>
    Seconds = 2,
}

/// <summary>
/// The metric keys alert rules name, with their unit and category (the <c>category</c> label used by inhibition, e.g.
/// "needs re-authorization mutes that shop's <c>sync</c> alerts"). Shop-health keys follow TikTok Shop's seller
/// performance metrics; other keys are allowed and treated as plain numbers.
/// </summary>
public static class AlertMetrics
{
    /// <summary>Share of orders shipped within 48 hours, percent. TikTok target: above 95 %.</summary>
    public const string FastDispatchRate48h = "fast_dispatch_rate_48h";

    /// <summary>Share of orders refunded, percent.</summary>
    public const string RefundRate = "refund_rate";

    /// <summary>Share of shipped orders with a valid tracking number, percent. TikTok target: at least 95 %.</summary>
    public const string ValidTrackingRate = "valid_tracking_rate";

    /// <summary>Share of orders dispatched late, percent. TikTok target: below 4 %.</summary>
    public const string LateDispatchRate = "late_dispatch_rate";

    /// <summary>Share of orders cancelled through the seller's fault, percent. TikTok target: at most 2.5 %.</summary>
    public const string SellerFaultCancellationRate = "seller_fault_cancellation_rate";

    /// <summary>Age of the oldest data domain's sync watermark, seconds.</summary>
    public const string SyncLagSeconds = "sync_lag_seconds";

    /// <summary>Share of TikTok API calls that failed, percent.</summary>
    public const string ApiErrorRate = "api_error_rate";

    /// <summary>Category label of shop-health metrics.</summary>
    public const string HealthCategory = "health";

    /// <summary>Category label of sync and API alerts (muted while a shop needs re-authorization).</summary>
    public const string SyncCategory = "sync";

    /// <summary>Category label of authorization alerts.</summary>
    public const string AuthCategory = "auth";

    /// <summary>Category label of listing and policy alerts.</summary>
    public const string ListingCategory = "listing";

    /// <summary>Category label of shop-status alerts.</summary>
    public const string ShopCategory = "shop";

    /// <summary>The unit of <paramref name="metricKey"/>: percent for <c>*_rate*</c> keys, seconds for <c>*_seconds</c>, else a number.</summary>
    public static AlertMetricUnit UnitOf(string metricKey)
    {
        ArgumentNullException.ThrowIfNull(metricKey);
        if (metricKey.EndsWith("_seconds", StringComparison.Ordinal))
        {
            return AlertMetricUnit.Seconds;
        }

        return metricKey.Contains("_rate", StringComparison.Ordinal) ? AlertMetricUnit.Percent : AlertMetricUnit.Number;
    }

    /// <summary>The <c>category</c> label of <paramref name="metricKey"/>: <see cref="SyncCategory"/> for sync lag and API errors, else <see cref="HealthCategory"/>.</summary>
    public static string CategoryOf(string metricKey) =>
        metricKey is SyncLagSeconds or ApiErrorRate ? SyncCategory : HealthCategory;
}
