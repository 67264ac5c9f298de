namespace OpenClaw.Dashboard.Model;

/// <summary>The rule form's editable copy of an <see cref="AlertRuleItem"/>; the API validates and answers per field.</summary>
public sealed class RuleDraft
{
    /// <summary>Rule id.</summary>
    public string RuleId { get; set; } = "";

    /// <summary>Metric key.</summary>
    public string MetricKey { get; set; } = "";

    /// <summary>Comparator, snake_case.</summary>
    public string Comparator { get; set; } = "greater_than";

    /// <summary>Threshold.</summary>
    public double Threshold { get; set; }

    /// <summary>Recovery threshold.</summary>
    public double? RecoveryThreshold { get; set; }

    /// <summary>Window the metric is computed over, in seconds (default 7 days).</summary>
    public long WindowSeconds { get; set; } = 7 * 86_400;

    /// <summary>How long the breach must last before firing, in seconds (default 15 minutes).</summary>
    public long ForSeconds { get; set; } = 15 * 60;

    /// <summary>Severity.</summary>
    public string Severity { get; set; } = "warning";

    /// <summary>Scope (kept from the edited rule; new rules cover the whole tenant).</summary>
    public AlertScope Scope { get; set; } = new("tenant", null);

    /// <summary>Enabled.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A draft of an existing rule.</summary>
    public static RuleDraft From(AlertRuleItem rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new()
        {
            RuleId = rule.RuleId, MetricKey = rule.MetricKey, Comparator = rule.Comparator, Threshold = rule.Threshold,
            RecoveryThreshold = rule.RecoveryThreshold, WindowSeconds = rule.WindowSeconds, ForSeconds = rule.ForSeconds, Severity = rule.Severity,
            Scope = rule.Scope ?? new("tenant", null), Enabled = rule.Enabled,
        };
    }

    /// <summary>The rule to send.</summary>
    public AlertRuleItem ToRule() => new(RuleId.Trim(), MetricKey.Trim(), Comparator, Threshold, WindowSeconds, ForSeconds, Severity, RecoveryThreshold, Scope, Enabled);
}
