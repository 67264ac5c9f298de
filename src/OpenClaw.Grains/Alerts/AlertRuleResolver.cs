namespace OpenClaw.Grains.Alerts;

/// <summary>
/// Picks the rules that apply to one shop from a tenant's rule set. Per metric key the most specific scope that has
/// rules for it wins — the shop's own rules, else those of the shop's tags, else the tenant-wide ones — and replaces
/// the less specific rules for that metric entirely (so a shop can change a threshold, or switch a metric off with a
/// disabled rule). When several of the shop's tags define rules for a metric, the tag first in ordinal order wins, so
/// the result never depends on the order tags were added.
/// </summary>
public static class AlertRuleResolver
{
    /// <summary>The enabled rules in force for <paramref name="shopId"/> with <paramref name="shopTags"/>, ordered by rule id.</summary>
    public static IReadOnlyList<AlertRule> Resolve(IEnumerable<AlertRule> tenantRules, string shopId, IReadOnlyCollection<string> shopTags)
    {
        ArgumentNullException.ThrowIfNull(tenantRules);
        ArgumentException.ThrowIfNullOrEmpty(shopId);
        ArgumentNullException.ThrowIfNull(shopTags);
        var tags = new HashSet<string>(shopTags, StringComparer.Ordinal);
        var result = new List<AlertRule>();
        foreach (var byMetric in tenantRules.Where(r => Applies(r.Scope, shopId, tags)).GroupBy(r => r.MetricKey, StringComparer.Ordinal))
        {
            var rules = byMetric.ToList();
            var level = rules.Max(r => r.Scope.Kind);
            var chosen = rules.Where(r => r.Scope.Kind == level).ToList();
            if (level == AlertScopeKind.Tag)
            {
                var firstTag = chosen.Select(r => r.Scope.Value!).Min(StringComparer.Ordinal);
                chosen = chosen.Where(r => string.Equals(r.Scope.Value, firstTag, StringComparison.Ordinal)).ToList();
            }

            result.AddRange(chosen.Where(r => r.Enabled));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.RuleId, b.RuleId));
        return result;
    }

    private static bool Applies(AlertScope scope, string shopId, HashSet<string> tags) => scope.Kind switch
    {
        AlertScopeKind.Tenant => true,
        AlertScopeKind.Tag => scope.Value is not null && tags.Contains(scope.Value),
        AlertScopeKind.Shop => string.Equals(scope.Value, shopId, StringComparison.Ordinal),
        _ => false,
    };
}
