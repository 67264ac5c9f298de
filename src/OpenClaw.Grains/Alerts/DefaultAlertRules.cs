namespace OpenClaw.Grains.Alerts;

/// <summary>
/// The rules a new tenant starts with (issue 11): TikTok Shop's shop-health targets — late dispatch rate below 4 %,
/// seller-fault cancellation rate at most 2.5 %, valid tracking rate at least 95 %, fast (48 h) dispatch rate above
/// 95 % — plus sync lag and API error rate. Each breaches exactly where the target is missed and resolves a little
/// inside it (hysteresis). Windows and for-durations are OpenClaw's defaults; tenants edit them.
/// </summary>
public static class DefaultAlertRules
{
    /// <summary>Prefix of the default rules' ids.</summary>
    public const string IdPrefix = "default.";

    /// <summary>The default rule set, all scoped to every shop of the tenant.</summary>
    public static IReadOnlyList<AlertRule> Create() =>
    [
        Rule(AlertMetrics.LateDispatchRate, AlertComparator.GreaterThanOrEqual, 4, 3.5, TimeSpan.FromDays(7), TimeSpan.FromMinutes(15), AlertSeverity.Warning),
        Rule(AlertMetrics.SellerFaultCancellationRate, AlertComparator.GreaterThan, 2.5, 2.0, TimeSpan.FromDays(7), TimeSpan.FromMinutes(15), AlertSeverity.Warning),
        Rule(AlertMetrics.ValidTrackingRate, AlertComparator.LessThan, 95, 96, TimeSpan.FromDays(7), TimeSpan.FromMinutes(15), AlertSeverity.Warning),
        Rule(AlertMetrics.FastDispatchRate48h, AlertComparator.LessThanOrEqual, 95, 96, TimeSpan.FromDays(7), TimeSpan.FromMinutes(15), AlertSeverity.Warning),
        // Sync lag above 30 min for 5 min: the shop's data is stale enough that the dashboard misleads.
        Rule(AlertMetrics.SyncLagSeconds, AlertComparator.GreaterThan, 1800, 900, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), AlertSeverity.Critical),
        // API error rate above 5 % over 15 min.
        Rule(AlertMetrics.ApiErrorRate, AlertComparator.GreaterThan, 5, 2, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), AlertSeverity.Warning),
    ];

    private static AlertRule Rule(string metric, AlertComparator comparator, double threshold, double recovery, TimeSpan window,
        TimeSpan forDuration, AlertSeverity severity) =>
        new(IdPrefix + metric, metric, comparator, threshold, window, forDuration, severity, recovery, AlertScope.AllShops);
}
