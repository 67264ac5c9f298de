namespace OpenClaw.Dashboard.Model;

/// <summary>
/// Health at a glance for hundreds of shops from what the list and the overview already carry: token and status,
/// sync lag, and TikTok's shop-health targets (docs/metrics.md) applied to the range's rates. The per-shop
/// <c>/health</c> endpoint (last 30 days) is shown on the shop page; calling it for every row would be one call per shop.
/// </summary>
public static class ShopHealthRules
{
    /// <summary>Lag that needs attention (the sync-lag alert resolves below it).</summary>
    public const double LagWarningSeconds = 900;

    /// <summary>Lag that is critical (the default sync-lag alert fires above it).</summary>
    public const double LagCriticalSeconds = 1800;

    /// <summary>Assesses one shop.</summary>
    public static ShopRow Assess(ShopListItem shop, MetricSummary? summary)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var findings = new List<HealthFinding>();
        var critical = false;
        if (shop.Status == "needs_reauthorization" || string.Equals(shop.TokenStatus, "NeedsReauthorization", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new(HealthReasonKind.NeedsReauthorization));
            critical = true;
        }

        if (shop.Status == "deactivated")
        {
            findings.Add(new(HealthReasonKind.Deactivated));
            critical = true;
        }

        if (shop.Status == "paused")
        {
            findings.Add(new(HealthReasonKind.Paused));
        }

        if (shop.MaxLagSeconds is > LagWarningSeconds and var lag && shop.Status == "active")
        {
            findings.Add(new(HealthReasonKind.SyncLag, lag));
            critical |= lag > LagCriticalSeconds;
        }

        var missed = 0;
        if (summary?.Rates is { } rates)
        {
            missed += Miss(findings, HealthReasonKind.LateDispatch, rates.LateDispatch, v => v >= 0.04);
            missed += Miss(findings, HealthReasonKind.SellerFaultCancellation, rates.SellerFaultCancellation, v => v > 0.025);
            missed += Miss(findings, HealthReasonKind.ValidTracking, rates.ValidTracking, v => v < 0.95);
            missed += Miss(findings, HealthReasonKind.FastDispatch, rates.FastDispatch, v => v <= 0.95);
        }

        var level = critical || missed >= 2 ? HealthLevel.Critical : findings.Count > 0 ? HealthLevel.Warning : HealthLevel.Good;
        return new ShopRow(shop, summary, level, findings);
    }

    private static int Miss(List<HealthFinding> findings, HealthReasonKind kind, double? value, Func<double, bool> missed)
    {
        // A null rate (no orders in the denominator) is not judged, as TikTok does.
        if (value is { } v && missed(v))
        {
            findings.Add(new(kind, v));
            return 1;
        }

        return 0;
    }
}
