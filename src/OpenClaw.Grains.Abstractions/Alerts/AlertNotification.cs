namespace OpenClaw.Grains.Alerts;

/// <summary>Where an alert stands (issue 11: ok → pending → firing → resolved).</summary>
public enum AlertStatus
{
    /// <summary>The condition does not hold.</summary>
    Ok = 0,

    /// <summary>The condition holds, but not yet for the rule's for-duration.</summary>
    Pending = 1,

    /// <summary>The alert is active and notified.</summary>
    Firing = 2,

    /// <summary>The alert was firing and has recovered.</summary>
    Resolved = 3,
}

/// <summary>Whether an alert is a metric threshold or an instant event.</summary>
public enum AlertKind
{
    /// <summary>A threshold rule on a metric value.</summary>
    Metric = 0,

    /// <summary>An instant event (skips pending).</summary>
    Event = 1,
}

/// <summary>
/// A state change of one alert for the router (Alertmanager's "alert" as Prometheus posts it): emitted by the alert
/// book when an alert fires or resolves. Labels identify it (<c>tenant</c>, <c>shop</c>, <c>rule</c>, <c>severity</c>,
/// <c>category</c>, <c>metric</c> or <c>event</c>, <c>subject</c>); the rest is for the message.
/// </summary>
/// <param name="Id">Idempotency id of this change: the same fingerprint, episode and status give the same id.</param>
/// <param name="Fingerprint">Stable identity of the alert (tenant, rule, shop, subject), 32 hex digits.</param>
/// <param name="Status"><see cref="AlertStatus.Firing"/> or <see cref="AlertStatus.Resolved"/>.</param>
/// <param name="Kind">Metric or event.</param>
/// <param name="TenantId">Owning tenant.</param>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="ShopName">Shop name at the time (for the message).</param>
/// <param name="RuleId">Rule id (<c>event.*</c> for events).</param>
/// <param name="Key">Metric key or event key.</param>
/// <param name="Severity">How bad.</param>
/// <param name="ActiveSince">When the condition first held in this episode (start of pending), UTC.</param>
/// <param name="FiredAt">When the alert fired, UTC.</param>
/// <param name="EndsAt">When it resolved (UTC); null while firing.</param>
/// <param name="Value">Metric value that fired it (for a resolved alert: the value that resolved it); null for events.</param>
/// <param name="Threshold">The rule's threshold; null for events.</param>
/// <param name="Comparator">The rule's comparator; null for events.</param>
/// <param name="Detail">Event detail text; null for metrics.</param>
/// <param name="Labels">All labels (routing, silences, inhibition).</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertNotification")]
public sealed record AlertNotification(
    [property: Id(0)] string Id,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] AlertStatus Status,
    [property: Id(3)] AlertKind Kind,
    [property: Id(4)] string TenantId,
    [property: Id(5)] string ShopId,
    [property: Id(6)] string ShopName,
    [property: Id(7)] string RuleId,
    [property: Id(8)] string Key,
    [property: Id(9)] AlertSeverity Severity,
    [property: Id(10)] DateTimeOffset ActiveSince,
    [property: Id(11)] DateTimeOffset FiredAt,
    [property: Id(12)] DateTimeOffset? EndsAt,
    [property: Id(13)] double? Value,
    [property: Id(14)] double? Threshold,
    [property: Id(15)] AlertComparator? Comparator,
    [property: Id(16)] string? Detail,
    [property: Id(17)] IReadOnlyDictionary<string, string> Labels);

/// <summary>Who did what to an alert (audit trail).</summary>
public enum AlertAuditAction
{
    /// <summary>An operator acknowledged the alert.</summary>
    Acknowledged = 0,

    /// <summary>An operator silenced the alert until a time.</summary>
    Silenced = 1,
}

/// <summary>One audit-trail entry of an alert.</summary>
/// <param name="Action">What was done.</param>
/// <param name="By">Who did it (user or API key name).</param>
/// <param name="At">When (UTC).</param>
/// <param name="Until">For a silence: when it ends (UTC).</param>
/// <param name="Comment">Free text from the operator (≤ 500 characters).</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertAuditEntry")]
public sealed record AlertAuditEntry(
    [property: Id(0)] AlertAuditAction Action,
    [property: Id(1)] string By,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateTimeOffset? Until = null,
    [property: Id(4)] string? Comment = null);
