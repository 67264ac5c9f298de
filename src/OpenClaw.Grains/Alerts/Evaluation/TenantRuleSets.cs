using System.Collections.Concurrent;

namespace OpenClaw.Grains.Alerts.Evaluation;

/// <summary>
/// One instance of each tenant's current alert rule set per silo, shared by the tenant's shop grains. Each shop asks
/// the tenant for changes and gets its own copy of the rules (deserialized, or built anew for the default rules); a
/// silo holds thousands of shops, so without sharing every shop would keep its own copy of the same rules.
/// </summary>
/// <remarks>Holds one set per tenant seen by this silo; a newer version replaces the older one.</remarks>
public sealed class TenantRuleSets
{
    private readonly ConcurrentDictionary<string, AlertRuleSet> _current = new(StringComparer.Ordinal);

    /// <summary>The silo's instance of <paramref name="received"/>: the one already held at the same version, otherwise <paramref name="received"/> (then held).</summary>
    public AlertRuleSet Share(string tenantId, AlertRuleSet received)
    {
        ArgumentNullException.ThrowIfNull(received);
        return _current.AddOrUpdate(tenantId, received, (_, held) => held.Version == received.Version ? held : received);
    }
}
