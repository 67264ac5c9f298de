using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenClaw.Grains.Alerts;

/// <summary>
/// Checks alert rules before they are stored. Errors are keyed by the camel-case field name, ready for an RFC 9457
/// validation problem (<c>TypedResults.ValidationProblem</c>), and say what to change.
/// </summary>
public static partial class AlertRuleValidator
{
    /// <summary>Longest for-duration: 7 days.</summary>
    public static readonly TimeSpan MaxFor = TimeSpan.FromDays(7);

    /// <summary>Longest metric window: 90 days.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    /// <summary>Errors of one rule; empty when it is valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(rule.RuleId) || !RuleIdPattern().IsMatch(rule.RuleId))
        {
            Add(errors, "ruleId", "ruleId is required: 1–64 characters of letters, digits, '.', '_' or '-'.");
        }
        else if (rule.RuleId.StartsWith(InstantAlertEvents.RulePrefix, StringComparison.Ordinal))
        {
            Add(errors, "ruleId", $"ruleId must not start with '{InstantAlertEvents.RulePrefix}': that prefix is reserved for instant events.");
        }

        var keyValid = !string.IsNullOrEmpty(rule.MetricKey) && MetricKeyPattern().IsMatch(rule.MetricKey);
        if (!keyValid)
        {
            Add(errors, "metricKey", "metricKey is required: lower snake case, 2–64 characters, e.g. 'late_dispatch_rate'.");
        }

        if (!Enum.IsDefined(rule.Comparator))
        {
            Add(errors, "comparator", "comparator must be GreaterThan, GreaterThanOrEqual, LessThan or LessThanOrEqual.");
        }

        if (!Enum.IsDefined(rule.Severity))
        {
            Add(errors, "severity", "severity must be Info, Warning or Critical.");
        }

        var unit = keyValid ? AlertMetrics.UnitOf(rule.MetricKey) : AlertMetricUnit.Number;
        CheckValue(errors, "threshold", rule.Threshold, unit);
        if (rule.Window <= TimeSpan.Zero || rule.Window > MaxWindow)
        {
            Add(errors, "window", "window must be longer than 0 and at most 90 days.");
        }

        if (rule.For < TimeSpan.Zero || rule.For > MaxFor)
        {
            Add(errors, "for", "for must be between 0 (fire at once) and 7 days.");
        }

        if (rule.RecoveryThreshold is { } recovery && CheckValue(errors, "recoveryThreshold", recovery, unit)
            && double.IsFinite(rule.Threshold) && Enum.IsDefined(rule.Comparator))
        {
            CheckRecoverySide(errors, rule, recovery);
        }

        CheckScope(errors, rule.Scope);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Errors of a tenant's rule set: every rule's, prefixed <c>rules[i].</c>, plus duplicate rule ids.</summary>
    public static IReadOnlyDictionary<string, string[]> ValidateSet(IReadOnlyList<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            foreach (var (field, messages) in Validate(rules[i]))
            {
                errors[$"rules[{i}].{field}"] = messages;
            }

            if (rules[i].RuleId is { Length: > 0 } id && !seen.Add(id))
            {
                errors[$"rules[{i}].ruleId"] = [$"ruleId '{id}' is used by another rule; rule ids must be unique within a tenant."];
            }
        }

        return errors;
    }

    private static bool CheckValue(Dictionary<string, List<string>> errors, string field, double value, AlertMetricUnit unit)
    {
        if (!double.IsFinite(value))
        {
            Add(errors, field, $"{field} must be a finite number.");
            return false;
        }

        if (unit == AlertMetricUnit.Percent && value is < 0 or > 100)
        {
            Add(errors, field, $"{field} is a percentage for this metric: between 0 and 100 (e.g. 4 for 4 %).");
            return false;
        }

        if (unit == AlertMetricUnit.Seconds && value < 0)
        {
            Add(errors, field, $"{field} is a number of seconds for this metric: 0 or more.");
            return false;
        }

        return true;
    }

    // Hysteresis: the recovery threshold lies on the healthy side of the threshold, else a firing alert could never resolve.
    private static void CheckRecoverySide(Dictionary<string, List<string>> errors, AlertRule rule, double recovery)
    {
        var threshold = rule.Threshold.ToString(CultureInfo.InvariantCulture);
        switch (rule.Comparator)
        {
            case AlertComparator.LessThan or AlertComparator.LessThanOrEqual when recovery < rule.Threshold:
                Add(errors, "recoveryThreshold",
                    $"recoveryThreshold must be at least the threshold ({threshold}): the alert fires when the value falls below the threshold and resolves once it is back above the recovery threshold.");
                break;
            case AlertComparator.GreaterThan or AlertComparator.GreaterThanOrEqual when recovery > rule.Threshold:
                Add(errors, "recoveryThreshold",
                    $"recoveryThreshold must be at most the threshold ({threshold}): the alert fires when the value rises above the threshold and resolves once it is back below the recovery threshold.");
                break;
        }
    }

    private static void CheckScope(Dictionary<string, List<string>> errors, AlertScope? scope)
    {
        if (scope is null || !Enum.IsDefined(scope.Kind))
        {
            Add(errors, "scope", "scope is required: Tenant (all shops), Tag (with a tag) or Shop (with a shop id).");
            return;
        }

        switch (scope.Kind)
        {
            case AlertScopeKind.Tenant when scope.Value is not null:
                Add(errors, "scope.value", "scope.value must be empty when the scope is Tenant (all the tenant's shops).");
                break;
            case AlertScopeKind.Tag when string.IsNullOrWhiteSpace(scope.Value) || scope.Value.Length > 64:
                Add(errors, "scope.value", "scope.value must name the tag (1–64 characters) when the scope is Tag.");
                break;
            case AlertScopeKind.Shop when string.IsNullOrEmpty(scope.Value) || !ShopIdPattern().IsMatch(scope.Value):
                Add(errors, "scope.value", "scope.value must be the TikTok shop id (1–64 letters, digits, '_' or '-') when the scope is Shop.");
                break;
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    private static partial Regex MetricKeyPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ShopIdPattern();
}
