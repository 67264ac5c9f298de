namespace OpenClaw.Grains.Alerts;

/// <summary>
/// The alert part of the shop grain, for a <c>[PersistentState("alerts")]</c> of its own (so a cursor write never
/// rewrites the alert book). One <see cref="AlertRecord"/> per fingerprint; resolved records are trimmed by
/// <see cref="AlertBookOptions.ResolvedRetention"/> and <see cref="AlertBookOptions.MaxRecords"/>.
/// </summary>
[GenerateSerializer, Alias("OpenClaw.AlertBookState")]
public sealed class AlertBookState
{
    /// <summary>Alerts by fingerprint.</summary>
    [Id(0)] public Dictionary<string, AlertRecord> Alerts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Changes taken from the book but not yet accepted by the tenant's router: persisted with the book, so a change
    /// survives a crash between the two (sent again, at least once; the router ignores a repeat).
    /// </summary>
    [Id(1)] public List<AlertNotification> Unsent { get; set; } = [];
}

/// <summary>One alert of one shop: its state machine position, episode times, values and audit trail. All times UTC.</summary>
[GenerateSerializer, Alias("OpenClaw.AlertRecord")]
public sealed class AlertRecord
{
    /// <summary>Stable identity (<see cref="AlertFingerprint"/>).</summary>
    [Id(0)] public string Fingerprint { get; set; } = "";

    /// <summary>Rule id (<c>event.*</c> for instant events).</summary>
    [Id(1)] public string RuleId { get; set; } = "";

    /// <summary>Metric or event.</summary>
    [Id(2)] public AlertKind Kind { get; set; }

    /// <summary>Metric key or event key.</summary>
    [Id(3)] public string Key { get; set; } = "";

    /// <summary>Severity of the current episode.</summary>
    [Id(4)] public AlertSeverity Severity { get; set; }

    /// <summary>State machine position.</summary>
    [Id(5)] public AlertStatus Status { get; set; }

    /// <summary>When the condition started to hold in the current episode (start of pending).</summary>
    [Id(6)] public DateTimeOffset? ActiveSince { get; set; }

    /// <summary>When the current or last episode fired.</summary>
    [Id(7)] public DateTimeOffset? FiredAt { get; set; }

    /// <summary>When the last episode resolved.</summary>
    [Id(8)] public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The value that fired the alert (metrics).</summary>
    [Id(9)] public double? FiredValue { get; set; }

    /// <summary>The latest value seen (metrics).</summary>
    [Id(10)] public double? LastValue { get; set; }

    /// <summary>Threshold of the rule at firing time (metrics).</summary>
    [Id(11)] public double? Threshold { get; set; }

    /// <summary>Comparator of the rule (metrics).</summary>
    [Id(12)] public AlertComparator? Comparator { get; set; }

    /// <summary>Identifying labels beyond tenant, shop and rule (e.g. <c>subject</c>).</summary>
    [Id(13)] public Dictionary<string, string> ExtraLabels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Who acknowledged or silenced the alert, when (newest last; at most <see cref="AlertBookOptions.MaxAuditEntries"/>).</summary>
    [Id(14)] public List<AlertAuditEntry> Audit { get; set; } = [];

    /// <summary>Episode number: 1 for the first firing, +1 per later firing. Part of notification ids.</summary>
    [Id(15)] public int Episode { get; set; }

    /// <summary>Event detail text of the current episode.</summary>
    [Id(16)] public string? Detail { get; set; }

    /// <summary>When a one-shot event resolves by itself.</summary>
    [Id(17)] public DateTimeOffset? ResolveAt { get; set; }

    /// <summary>Last time a value or event was applied.</summary>
    [Id(18)] public DateTimeOffset? UpdatedAt { get; set; }
}
