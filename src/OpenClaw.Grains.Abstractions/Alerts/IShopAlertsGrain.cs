using Orleans.Concurrency;

namespace OpenClaw.Grains.Alerts;

/// <summary>
/// The alert side of a shop grain (same activation as <c>IShopGrain</c>, keyed by the TikTok shop id): its alert
/// book's records and the operator's acknowledgements and silences, which the book keeps as an audit trail.
/// </summary>
public interface IShopAlertsGrain : IGrainWithStringKey
{
    /// <summary>The shop's firing and resolved alerts (newest first).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<AlertEntry>> GetAlertsAsync();

    /// <summary>Records that <paramref name="by"/> acknowledged the alert; null for an unknown fingerprint.</summary>
    /// <exception cref="ArgumentException"><paramref name="by"/> is empty or <paramref name="comment"/> is longer than 500 characters.</exception>
    Task<AlertEntry?> AcknowledgeAlertAsync(string fingerprint, string by, string? comment);

    /// <summary>
    /// Records that <paramref name="by"/> silenced the alert until <paramref name="until"/> and returns the silence on
    /// its labels for the tenant's router (the caller adds it there); null for an unknown fingerprint.
    /// </summary>
    /// <exception cref="ArgumentException">Bad author or comment, or <paramref name="until"/> is not in the future.</exception>
    Task<AlertSilence?> SilenceAlertAsync(string fingerprint, string by, DateTimeOffset until, string? comment);
}

/// <summary>
/// One alert as operators see it (the shop's record plus its labels and audit trail), also the value of the tenant's
/// alert index in Redis (<c>oc:{t:&lt;tenant&gt;}:alerts</c>) that cross-shop lists read. All times UTC.
/// </summary>
/// <param name="Fingerprint">Stable identity (32 hex digits).</param>
/// <param name="TenantId">Owning tenant.</param>
/// <param name="ShopId">TikTok shop id.</param>
/// <param name="ShopName">Shop name when last written.</param>
/// <param name="RuleId">Rule id (<c>event.*</c> for events).</param>
/// <param name="Kind">Metric or event.</param>
/// <param name="Key">Metric or event key.</param>
/// <param name="Severity">How bad.</param>
/// <param name="Status">Firing or resolved.</param>
/// <param name="Category"><c>health</c>, <c>sync</c>, <c>auth</c>, <c>listing</c> or <c>shop</c>.</param>
/// <param name="Subject">What an event is about (product id, sync domain), or null.</param>
/// <param name="ActiveSince">Start of the episode (start of pending).</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="ResolvedAt">When it resolved; null while firing.</param>
/// <param name="Value">The value that fired it (metrics), or null.</param>
/// <param name="Threshold">The rule's threshold (metrics), or null.</param>
/// <param name="Comparator">The rule's comparator (metrics), or null.</param>
/// <param name="Detail">Event detail, or null.</param>
/// <param name="Episode">1 for the first firing, +1 per later one.</param>
/// <param name="Audit">Acknowledgements and silences, oldest first.</param>
/// <param name="UpdatedAt">When the entry last changed.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertEntry")]
public sealed record AlertEntry(
    [property: Id(0)] string Fingerprint,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string ShopId,
    [property: Id(3)] string ShopName,
    [property: Id(4)] string RuleId,
    [property: Id(5)] AlertKind Kind,
    [property: Id(6)] string Key,
    [property: Id(7)] AlertSeverity Severity,
    [property: Id(8)] AlertStatus Status,
    [property: Id(9)] string Category,
    [property: Id(10)] string? Subject,
    [property: Id(11)] DateTimeOffset ActiveSince,
    [property: Id(12)] DateTimeOffset FiredAt,
    [property: Id(13)] DateTimeOffset? ResolvedAt,
    [property: Id(14)] double? Value,
    [property: Id(15)] double? Threshold,
    [property: Id(16)] AlertComparator? Comparator,
    [property: Id(17)] string? Detail,
    [property: Id(18)] int Episode,
    [property: Id(19)] IReadOnlyList<AlertAuditEntry> Audit,
    [property: Id(20)] DateTimeOffset UpdatedAt)
{
    /// <summary>The latest acknowledgement, or null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public AlertAuditEntry? Acknowledged => Audit.LastOrDefault(a => a.Action == AlertAuditAction.Acknowledged);

    /// <summary>The end of the latest silence set on this alert, or null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? SilencedUntil => Audit.LastOrDefault(a => a.Action == AlertAuditAction.Silenced)?.Until;
}
