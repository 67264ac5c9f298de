namespace OpenClaw.Grains.Alerts;

/// <summary>How a metric value is compared with a rule's threshold. The alert condition holds when <c>value OP threshold</c>.</summary>
public enum AlertComparator
{
    /// <summary><c>value &gt; threshold</c>.</summary>
    GreaterThan = 0,

    /// <summary><c>value ≥ threshold</c>.</summary>
    GreaterThanOrEqual = 1,

    /// <summary><c>value &lt; threshold</c>.</summary>
    LessThan = 2,

    /// <summary><c>value ≤ threshold</c>.</summary>
    LessThanOrEqual = 3,
}

/// <summary>How bad an alert is; the <c>severity</c> label carries it in lower case.</summary>
public enum AlertSeverity
{
    /// <summary>Worth knowing; no action needed now.</summary>
    Info = 0,

    /// <summary>Needs attention today (e.g. a shop-health metric off target).</summary>
    Warning = 1,

    /// <summary>Needs action now (e.g. the shop needs re-authorization, sync has stopped).</summary>
    Critical = 2,
}

/// <summary>Which of a tenant's shops a rule applies to.</summary>
public enum AlertScopeKind
{
    /// <summary>Every shop of the tenant (<see cref="AlertScope.Value"/> is null).</summary>
    Tenant = 0,

    /// <summary>Shops carrying the tag in <see cref="AlertScope.Value"/>.</summary>
    Tag = 1,

    /// <summary>The one shop whose TikTok shop id is <see cref="AlertScope.Value"/>.</summary>
    Shop = 2,
}

/// <summary>The shops a rule applies to. The most specific scope wins: shop over tag over tenant (<c>AlertRuleResolver</c>).</summary>
/// <param name="Kind">Tenant, tag or shop.</param>
/// <param name="Value">The tag (1–64 characters) or TikTok shop id; null for <see cref="AlertScopeKind.Tenant"/>.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertScope")]
public sealed record AlertScope(
    [property: Id(0)] AlertScopeKind Kind,
    [property: Id(1)] string? Value = null)
{
    /// <summary>All the tenant's shops.</summary>
    public static AlertScope AllShops { get; } = new(AlertScopeKind.Tenant);

    /// <summary>Shops tagged <paramref name="tag"/>.</summary>
    public static AlertScope ForTag(string tag) => new(AlertScopeKind.Tag, tag);

    /// <summary>The shop <paramref name="shopId"/> only.</summary>
    public static AlertScope ForShop(string shopId) => new(AlertScopeKind.Shop, shopId);
}

/// <summary>
/// A threshold rule on one shop metric (issue 11 "Rules"), in the spirit of a Prometheus alerting rule: the condition
/// <c>value <see cref="Comparator"/> <see cref="Threshold"/></c> must hold for <see cref="For"/> before the alert fires,
/// and it resolves only once the value is back past <see cref="RecoveryThreshold"/> (hysteresis, so a value hovering at
/// the threshold does not flap). Validated by <c>AlertRuleValidator</c> before it is stored.
/// </summary>
/// <param name="RuleId">Stable id, unique within the tenant (1–64 of <c>A–Z a–z 0–9 . _ -</c>); part of the fingerprint.</param>
/// <param name="MetricKey">Metric the rule watches, lower snake case, e.g. <c>late_dispatch_rate</c> (see <see cref="AlertMetrics"/>).</param>
/// <param name="Comparator">How the value is compared with <paramref name="Threshold"/>.</param>
/// <param name="Threshold">Threshold in the metric's unit: percent (0–100) for rates, seconds for lags.</param>
/// <param name="Window">Window the metric is computed over by its producer (e.g. 7 days for dispatch rates, 15 min for API errors).</param>
/// <param name="For">How long the condition must hold before the alert fires (0 fires at once); at most 7 days.</param>
/// <param name="Severity">How bad a breach is.</param>
/// <param name="RecoveryThreshold">Value the metric must get back past to resolve; null resolves at <paramref name="Threshold"/>.</param>
/// <param name="Scope">Shops the rule applies to.</param>
/// <param name="Enabled">False switches the metric off for the scope (a disabled shop-level rule mutes a tenant rule for that shop).</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertRule")]
public sealed record AlertRule(
    [property: Id(0)] string RuleId,
    [property: Id(1)] string MetricKey,
    [property: Id(2)] AlertComparator Comparator,
    [property: Id(3)] double Threshold,
    [property: Id(4)] TimeSpan Window,
    [property: Id(5)] TimeSpan For,
    [property: Id(6)] AlertSeverity Severity,
    [property: Id(7)] double? RecoveryThreshold,
    [property: Id(8)] AlertScope Scope,
    [property: Id(9)] bool Enabled = true)
{
    /// <summary>True when <paramref name="value"/> breaches the rule (<c>value Comparator Threshold</c>).</summary>
    public bool IsBreachedBy(double value) => Holds(value, Threshold);

    /// <summary>
    /// True when a firing alert may resolve: the value no longer breaches <see cref="RecoveryThreshold"/> (or
    /// <see cref="Threshold"/> without one).
    /// </summary>
    public bool IsRecoveredBy(double value) => !Holds(value, RecoveryThreshold ?? Threshold);

    private bool Holds(double value, double threshold) => Comparator switch
    {
        AlertComparator.GreaterThan => value > threshold,
        AlertComparator.GreaterThanOrEqual => value >= threshold,
        AlertComparator.LessThan => value < threshold,
        AlertComparator.LessThanOrEqual => value <= threshold,
        _ => false,
    };
}
