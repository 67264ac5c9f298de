using OpenClaw.Grains.Alerts;

namespace OpenClaw.Api.Model;

/// <summary>Which shops a rule applies to.</summary>
/// <param name="Kind"><c>tenant</c> (all shops), <c>tag</c> or <c>shop</c>.</param>
/// <param name="Value">The tag or TikTok shop id; omitted for <c>tenant</c>.</param>
public sealed record RuleScopeBody(AlertScopeKind? Kind, string? Value = null);

/// <summary>A threshold rule as the API takes it (<c>PUT /api/v1/alerts/rules/{rule_id}</c>).</summary>
/// <param name="MetricKey">Metric, lower snake case, e.g. <c>late_dispatch_rate</c>.</param>
/// <param name="Comparator"><c>greater_than</c>, <c>greater_than_or_equal</c>, <c>less_than</c>, <c>less_than_or_equal</c>.</param>
/// <param name="Threshold">Percent 0–100 for rates, seconds for lags.</param>
/// <param name="RecoveryThreshold">Value to get back past before the alert resolves (hysteresis); omitted = the threshold.</param>
/// <param name="WindowSeconds">Window the metric is computed over, 1 s–90 days.</param>
/// <param name="ForSeconds">How long the breach must last before firing, 0–7 days.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c>, <c>critical</c>.</param>
/// <param name="Scope">Shops it applies to; omitted = all.</param>
/// <param name="Enabled">False switches the metric off for the scope; default true.</param>
public sealed record RuleBody(
    string? MetricKey, AlertComparator? Comparator, double? Threshold, double? RecoveryThreshold, long? WindowSeconds, long? ForSeconds,
    AlertSeverity? Severity, RuleScopeBody? Scope = null, bool? Enabled = null);

/// <summary>A rule as the API shows it.</summary>
/// <param name="RuleId">Id.</param>
/// <param name="MetricKey">Metric.</param>
/// <param name="Comparator">Comparator.</param>
/// <param name="Threshold">Threshold.</param>
/// <param name="RecoveryThreshold">Recovery threshold, or null.</param>
/// <param name="WindowSeconds">Window.</param>
/// <param name="ForSeconds">For-duration.</param>
/// <param name="Severity">Severity.</param>
/// <param name="Scope">Scope.</param>
/// <param name="Enabled">Enabled.</param>
public sealed record RuleResponse(
    string RuleId, string MetricKey, AlertComparator Comparator, double Threshold, double? RecoveryThreshold, long WindowSeconds, long ForSeconds,
    AlertSeverity Severity, RuleScopeBody Scope, bool Enabled)
{
    /// <summary>From the grain's rule.</summary>
    public static RuleResponse From(AlertRule r) =>
        new(r.RuleId, r.MetricKey, r.Comparator, r.Threshold, r.RecoveryThreshold, (long)r.Window.TotalSeconds, (long)r.For.TotalSeconds, r.Severity,
            new RuleScopeBody(r.Scope.Kind, r.Scope.Value), r.Enabled);
}

/// <summary>The tenant's rules.</summary>
/// <param name="Version">Increases with every change.</param>
/// <param name="Rules">Ordered by id.</param>
public sealed record RuleSetResponse(long Version, IReadOnlyList<RuleResponse> Rules)
{
    /// <summary>From the grain's rule set.</summary>
    public static RuleSetResponse From(AlertRuleSet set) => new(set.Version, [.. set.Rules.Select(RuleResponse.From)]);
}

/// <summary>One alert (from the tenant's alert index).</summary>
/// <param name="Fingerprint">Stable id (32 hex digits).</param>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="ShopName">Shop name.</param>
/// <param name="RuleId">Rule (<c>event.*</c> for events).</param>
/// <param name="Kind"><c>metric</c> or <c>event</c>.</param>
/// <param name="Key">Metric or event key.</param>
/// <param name="Severity">How bad.</param>
/// <param name="Status"><c>firing</c> or <c>resolved</c>.</param>
/// <param name="Category"><c>health</c>, <c>sync</c>, <c>auth</c>, <c>listing</c>, <c>shop</c>.</param>
/// <param name="Subject">Product id or sync domain, or null.</param>
/// <param name="ActiveSince">Start of the episode.</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="ResolvedAt">When it resolved, or null.</param>
/// <param name="Value">Value that fired it (metrics).</param>
/// <param name="Threshold">Threshold (metrics).</param>
/// <param name="Detail">Event detail.</param>
/// <param name="AcknowledgedBy">Key id that acknowledged it last, or null.</param>
/// <param name="AcknowledgedAt">When, or null.</param>
/// <param name="SilencedUntil">End of the last silence set on it, or null.</param>
/// <param name="Audit">Acknowledgements and silences, oldest first.</param>
public sealed record AlertResponse(
    string Fingerprint, string ShopId, string ShopName, string RuleId, AlertKind Kind, string Key, AlertSeverity Severity, AlertStatus Status,
    string Category, string? Subject, DateTimeOffset ActiveSince, DateTimeOffset FiredAt, DateTimeOffset? ResolvedAt, double? Value,
    double? Threshold, string? Detail, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, DateTimeOffset? SilencedUntil,
    IReadOnlyList<AlertAuditEntry> Audit)
{
    /// <summary>From an index entry.</summary>
    public static AlertResponse From(AlertEntry e) =>
        new(e.Fingerprint, e.ShopId, e.ShopName, e.RuleId, e.Kind, e.Key, e.Severity, e.Status, e.Category, e.Subject, e.ActiveSince, e.FiredAt,
            e.ResolvedAt, e.Value, e.Threshold, e.Detail, e.Acknowledged?.By, e.Acknowledged?.At, e.SilencedUntil, e.Audit);
}

/// <summary>A page of alerts.</summary>
/// <param name="Items">Newest first.</param>
/// <param name="NextCursor">Cursor of the next page, or null on the last.</param>
public sealed record AlertPage(IReadOnlyList<AlertResponse> Items, string? NextCursor);

/// <summary>An acknowledgement.</summary>
/// <param name="Comment">Why (≤ 500 characters).</param>
public sealed record AcknowledgeBody(string? Comment = null);

/// <summary>A silence of one alert: until a time, or for a duration.</summary>
/// <param name="Until">End (ISO 8601 with offset).</param>
/// <param name="DurationSeconds">Or: how long from now, 60 s–90 days.</param>
/// <param name="Comment">Why (≤ 500 characters).</param>
public sealed record SilenceAlertBody(DateTimeOffset? Until = null, long? DurationSeconds = null, string? Comment = null);

/// <summary>A label matcher: <c>name operator value</c>.</summary>
/// <param name="Name">Label: <c>shop</c>, <c>rule</c>, <c>severity</c>, <c>category</c>, <c>metric</c>, <c>event</c>, <c>subject</c>, <c>tenant</c>.</param>
/// <param name="Operator"><c>equal</c>, <c>not_equal</c>, <c>regex</c>, <c>not_regex</c> (regexes anchored).</param>
/// <param name="Value">Value or regular expression.</param>
public sealed record MatcherBody(string? Name, MatchOperator? Operator, string? Value)
{
    /// <summary>As the grain's matcher.</summary>
    public LabelMatcher ToMatcher() => new(Name ?? "", Operator ?? MatchOperator.Equal, Value ?? "");

    /// <summary>From the grain's matcher.</summary>
    public static MatcherBody From(LabelMatcher m) => new(m.Name, m.Operator, m.Value);
}

/// <summary>A new silence.</summary>
/// <param name="Matchers">All must match (at least one).</param>
/// <param name="StartsAt">Start; omitted = now.</param>
/// <param name="EndsAt">End (after the start, in the future).</param>
/// <param name="Comment">Why.</param>
public sealed record SilenceBody(IReadOnlyList<MatcherBody>? Matchers, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Comment = null);

/// <summary>A silence as the API shows it.</summary>
/// <param name="SilenceId">Id.</param>
/// <param name="Matchers">Matchers.</param>
/// <param name="StartsAt">Start.</param>
/// <param name="EndsAt">End.</param>
/// <param name="CreatedBy">Key id of its author.</param>
/// <param name="Comment">Why.</param>
/// <param name="Active">True between start and end.</param>
public sealed record SilenceResponse(string SilenceId, IReadOnlyList<MatcherBody> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy,
    string? Comment, bool Active)
{
    /// <summary>From the grain's silence at <paramref name="now"/>.</summary>
    public static SilenceResponse From(AlertSilence s, DateTimeOffset now) =>
        new(s.Id, [.. s.Matchers.Select(MatcherBody.From)], s.StartsAt, s.EndsAt, s.CreatedBy, s.Comment, s.StartsAt <= now && now < s.EndsAt);
}
