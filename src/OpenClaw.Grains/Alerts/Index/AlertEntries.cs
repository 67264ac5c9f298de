using System.Globalization;
using System.Text;

namespace OpenClaw.Grains.Alerts.Index;

/// <summary>Turns an alert book's records into the <see cref="AlertEntry"/> operators see, and tells when they changed.</summary>
public static class AlertEntries
{
    /// <summary>
    /// The entries of the book's firing and resolved records, newest first (pending and ok records are not alerts yet).
    /// </summary>
    public static IReadOnlyList<AlertEntry> Of(string tenantId, string shopId, string shopName, AlertBookState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Alerts.Values
            .Where(IsVisible)
            .Select(r => Of(tenantId, shopId, shopName, r))
            .OrderByDescending(e => e.FiredAt).ThenBy(e => e.Fingerprint, StringComparer.Ordinal)];
    }

    /// <summary>True for records operators see: firing, or resolved after firing.</summary>
    public static bool IsVisible(AlertRecord record) =>
        record is { Status: AlertStatus.Firing or AlertStatus.Resolved, FiredAt: not null };

    /// <summary>
    /// What of the book is worth persisting and re-indexing: status, episode, episode times, audit length and the shop
    /// name. A new metric value alone changes nothing here, so a firing alert is not rewritten every evaluation.
    /// </summary>
    public static string Signature(AlertBookState state, string shopName)
    {
        ArgumentNullException.ThrowIfNull(state);
        var text = new StringBuilder(shopName);
        foreach (var r in state.Alerts.Values.OrderBy(r => r.Fingerprint, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"|{r.Fingerprint}:{r.Status}:{r.Episode}:{r.ActiveSince?.UtcTicks}:{r.ResolvedAt?.UtcTicks}:{r.ResolveAt?.UtcTicks}:{r.Audit.Count}");
        }

        return text.Append('|').Append(state.Unsent.Count).ToString();
    }

    private static AlertEntry Of(string tenantId, string shopId, string shopName, AlertRecord r)
    {
        var labels = AlertLabels.For(tenantId, shopId, r);
        var resolved = r.Status == AlertStatus.Resolved;
        return new AlertEntry(r.Fingerprint, tenantId, shopId, shopName, r.RuleId, r.Kind, r.Key, r.Severity, r.Status,
            labels.GetValueOrDefault(AlertLabels.Category, ""), r.ExtraLabels.GetValueOrDefault(AlertLabels.Subject),
            r.ActiveSince ?? r.FiredAt!.Value, r.FiredAt!.Value, resolved ? r.ResolvedAt : null,
            r.FiredValue ?? r.LastValue, r.Threshold, r.Comparator, r.Detail, r.Episode, [.. r.Audit], r.UpdatedAt ?? r.FiredAt!.Value);
    }
}
