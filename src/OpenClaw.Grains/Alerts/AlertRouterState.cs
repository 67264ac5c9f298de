namespace OpenClaw.Grains.Alerts;

/// <summary>The router's groups, for a <c>[PersistentState("routing")]</c> of the tenant's alert grain.</summary>
[GenerateSerializer, Alias("OpenClaw.AlertRouterState")]
public sealed class AlertRouterState
{
    /// <summary>Aggregation groups by key.</summary>
    [Id(0)] public Dictionary<string, AlertGroupState> Groups { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One aggregation group (Alertmanager's <c>aggrGroup</c>) with its notification log entry (the <c>nflog</c>): which
/// alerts were last notified as firing and resolved, and when.
/// </summary>
[GenerateSerializer, Alias("OpenClaw.AlertGroupState")]
public sealed class AlertGroupState
{
    /// <summary>Route index and group-by values.</summary>
    [Id(0)] public string Key { get; set; } = "";

    /// <summary>Index of the route in <see cref="AlertRoutingPolicy.Routes"/>.</summary>
    [Id(1)] public int RouteIndex { get; set; }

    /// <summary>Group-by labels and values.</summary>
    [Id(2)] public Dictionary<string, string> GroupLabels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Latest state of each alert in the group, by fingerprint.</summary>
    [Id(3)] public Dictionary<string, AlertNotification> Alerts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the group is flushed next (UTC).</summary>
    [Id(4)] public DateTimeOffset NextFlushAt { get; set; }

    /// <summary>Fingerprints notified as firing last time.</summary>
    [Id(5)] public List<string> NotifiedFiring { get; set; } = [];

    /// <summary>Fingerprints notified as resolved last time.</summary>
    [Id(6)] public List<string> NotifiedResolved { get; set; } = [];

    /// <summary>When the group was last notified (UTC); null before the first notification.</summary>
    [Id(7)] public DateTimeOffset? LastNotifiedAt { get; set; }

    /// <summary>Notifications sent so far (part of notification ids).</summary>
    [Id(8)] public long Sequence { get; set; }
}
