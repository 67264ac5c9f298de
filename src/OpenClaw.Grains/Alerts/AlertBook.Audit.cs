namespace OpenClaw.Grains.Alerts;

/// <summary>The audit trail of the alert book: who acknowledged or silenced an alert, and when.</summary>
public sealed partial class AlertBook
{
    /// <summary>Records that <paramref name="by"/> acknowledged the alert. Returns false for an unknown fingerprint.</summary>
    public bool Acknowledge(string fingerprint, string by, string? comment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(by);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(comment?.Length ?? 0, 500, nameof(comment));
        return AddAudit(fingerprint, new AlertAuditEntry(AlertAuditAction.Acknowledged, by, _time.GetUtcNow(), Comment: comment));
    }

    /// <summary>
    /// Records that <paramref name="by"/> silenced the alert until <paramref name="until"/> and returns the silence for
    /// the tenant's router (matchers on shop and rule, and subject when the alert has one); null for an unknown fingerprint.
    /// </summary>
    public AlertSilence? Silence(string fingerprint, string by, DateTimeOffset until, string? comment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(by);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(comment?.Length ?? 0, 500, nameof(comment));
        var now = _time.GetUtcNow();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(until, now, nameof(until));
        if (!AddAudit(fingerprint, new AlertAuditEntry(AlertAuditAction.Silenced, by, now, until, comment)))
        {
            return null;
        }

        var record = State.Alerts[fingerprint];
        List<LabelMatcher> matchers =
        [
            new(AlertLabels.Tenant, MatchOperator.Equal, _tenantId),
            new(AlertLabels.Shop, MatchOperator.Equal, _shopId),
            new(AlertLabels.Rule, MatchOperator.Equal, record.RuleId),
            .. record.ExtraLabels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new LabelMatcher(l.Key, MatchOperator.Equal, l.Value)),
        ];
        return new AlertSilence(AlertFingerprint.IdOf("silence", fingerprint, now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            matchers, now, until, by, comment);
    }

    private bool AddAudit(string fingerprint, AlertAuditEntry entry)
    {
        if (!State.Alerts.TryGetValue(fingerprint, out var record))
        {
            return false;
        }

        record.Audit.Add(entry);
        if (record.Audit.Count > _options.MaxAuditEntries)
        {
            record.Audit.RemoveRange(0, record.Audit.Count - _options.MaxAuditEntries);
        }

        return true;
    }
}
