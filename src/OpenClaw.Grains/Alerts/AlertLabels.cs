namespace OpenClaw.Grains.Alerts;

/// <summary>The label names OpenClaw puts on every alert; routes, silences and inhibition rules match on them.</summary>
public static class AlertLabels
{
    /// <summary>Owning tenant.</summary>
    public const string Tenant = "tenant";

    /// <summary>TikTok shop id.</summary>
    public const string Shop = "shop";

    /// <summary>Rule id (<c>event.*</c> for events); Alertmanager's <c>alertname</c>.</summary>
    public const string Rule = "rule";

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public const string Severity = "severity";

    /// <summary><c>health</c>, <c>sync</c>, <c>auth</c>, <c>listing</c> or <c>shop</c>.</summary>
    public const string Category = "category";

    /// <summary>Metric key (metric alerts).</summary>
    public const string Metric = "metric";

    /// <summary>Event key (event alerts), e.g. <c>needs_reauthorization</c>.</summary>
    public const string Event = "event";

    /// <summary>What an event is about (violation id, product id, sync domain).</summary>
    public const string Subject = "subject";

    /// <summary>The full label set of a record.</summary>
    public static IReadOnlyDictionary<string, string> For(string tenantId, string shopId, AlertRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var labels = new Dictionary<string, string>(record.ExtraLabels, StringComparer.Ordinal)
        {
            [Tenant] = tenantId,
            [Shop] = shopId,
            [Rule] = record.RuleId,
            [Severity] = record.Severity.ToString().ToLowerInvariant(),
        };
        if (record.Kind == AlertKind.Metric)
        {
            labels[Metric] = record.Key;
            labels[Category] = AlertMetrics.CategoryOf(record.Key);
        }
        else
        {
            labels[Event] = record.Key;
            labels[Category] = Enum.GetValues<InstantEventKind>().Where(k => InstantAlertEvents.KeyOf(k) == record.Key)
                .Select(InstantAlertEvents.CategoryOf).FirstOrDefault(AlertMetrics.ShopCategory);
        }

        return labels;
    }
}
