namespace OpenClaw.Grains.Alerts.Routing;

/// <summary>
/// A tenant's alert configuration, its own persisted record (<c>alert-config</c>) so a router flush never rewrites it:
/// rules (null until the tenant first changes them: the defaults apply), routing (null: the default) and silences.
/// </summary>
[GenerateSerializer, Alias("OpenClaw.TenantAlertsConfigState")]
public sealed class TenantAlertsConfigState
{
    /// <summary>The tenant's rules, ordered by id; null while the defaults (<see cref="DefaultAlertRules"/>) apply.</summary>
    [Id(0)] public List<AlertRule>? Rules { get; set; }

    /// <summary>Version of the rules: 1 for the defaults, +1 per change.</summary>
    [Id(1)] public long RulesVersion { get; set; } = 1;

    /// <summary>The tenant's routing; null for the default (every alert to every channel).</summary>
    [Id(2)] public AlertRoutingConfig? Routing { get; set; }

    /// <summary>Silences, including those ended within <see cref="TenantAlertsGrain.EndedSilenceRetention"/>.</summary>
    [Id(3)] public List<AlertSilence> Silences { get; set; } = [];
}
