using System.Globalization;
using OpenClaw.Grains.Alerts;

namespace OpenClaw.Grains.Notifications;

/// <summary>One alert as a message shows it: title, labelled lines (what, which shop, how bad, since when) and the dashboard link.</summary>
/// <param name="Resolved">True for a resolved alert.</param>
/// <param name="Severity">Severity (channels may colour by it).</param>
/// <param name="Title">E.g. "FIRING · Refund rate" / "【告警】退款率".</param>
/// <param name="Lines">Label and value pairs.</param>
/// <param name="LinkText">Text of the dashboard link.</param>
/// <param name="Link">Dashboard page of the alert.</param>
public sealed record AlertSection(bool Resolved, AlertSeverity Severity, string Title, IReadOnlyList<(string Label, string Value)> Lines, string LinkText, Uri Link);

/// <summary>
/// Turns routed notifications into language-specific sections that every channel formats its own way. Times are shown
/// in the channel's IANA zone with the UTC offset; values in the metric's unit.
/// </summary>
public sealed class AlertMessageComposer(Uri dashboardBaseUrl)
{
    /// <summary>Sections of one notification: firing alerts first, then resolved ones.</summary>
    public IReadOnlyList<AlertSection> Compose(RoutedNotification notification, NotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(channel);
        var texts = AlertTexts.For(channel.Language);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(channel.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        return [.. notification.Firing.Concat(notification.Resolved).Select(a => Section(a, texts, zone))];
    }

    /// <summary>The title of a message carrying <paramref name="alertCount"/> alerts.</summary>
    public static string BatchTitle(NotificationLanguage language, int alertCount) =>
        string.Format(CultureInfo.InvariantCulture, AlertTexts.For(language).BatchTitle, alertCount);

    /// <summary>A section that only says the channel works (the "send test message" action).</summary>
    public AlertSection TestSection(NotificationChannel channel, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var texts = AlertTexts.For(channel.Language);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(channel.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        return new AlertSection(false, AlertSeverity.Info, texts.TestTitle, [(texts.What, texts.TestBody), (texts.Since, Time(now, zone, texts))],
            texts.OpenDashboard, dashboardBaseUrl);
    }

    private AlertSection Section(AlertNotification a, AlertTexts texts, TimeZoneInfo zone)
    {
        var resolved = a.Status == AlertStatus.Resolved;
        var name = texts.NameOf(a.Key);
        var title = texts.IsChinese
            ? $"【{(resolved ? texts.Resolved : texts.Firing)}】{name}"
            : $"{(resolved ? texts.Resolved : texts.Firing)} · {name}";
        var shop = texts.IsChinese ? $"{a.ShopName}（{a.ShopId}）" : $"{a.ShopName} ({a.ShopId})";
        var lines = new List<(string, string)>
        {
            (texts.Shop, shop),
            (texts.What, What(a, name, texts)),
            (texts.Severity, texts.Severities[a.Severity]),
            (texts.Since, Time(a.ActiveSince, zone, texts)),
        };
        if (resolved && a.EndsAt is { } end)
        {
            lines.Add((texts.ResolvedAt, Time(end, zone, texts)));
        }

        var link = new Uri(dashboardBaseUrl, $"shops/{Uri.EscapeDataString(a.ShopId)}/alerts/{a.Fingerprint}");
        return new AlertSection(resolved, a.Severity, title, lines, texts.OpenDashboard, link);
    }

    private static string What(AlertNotification a, string name, AlertTexts texts)
    {
        if (a.Kind == AlertKind.Event || a.Value is not { } value)
        {
            return a.Detail is { Length: > 0 } detail ? (texts.IsChinese ? $"{name}：{detail}" : $"{name}: {detail}") : name;
        }

        var unit = AlertMetrics.UnitOf(a.Key);
        var shown = Format(value, unit, texts);
        if (a.Threshold is not { } threshold || a.Comparator is not { } comparator)
        {
            return texts.IsChinese ? $"{name}{texts.IsNow} {shown}" : $"{name} {texts.IsNow} {shown}";
        }

        var relation = comparator switch
        {
            AlertComparator.GreaterThan => texts.Above,
            AlertComparator.GreaterThanOrEqual => texts.AtOrAbove,
            AlertComparator.LessThan => texts.Below,
            _ => texts.AtOrBelow,
        };
        var limit = Format(threshold, unit, texts);
        if (a.Status == AlertStatus.Resolved)
        {
            // Back inside the target: say where the value is now and what the threshold is, not that it crossed it.
            return texts.IsChinese ? $"{name}{texts.IsNow} {shown}（{texts.Threshold} {limit}）" : $"{name} {texts.IsNow} {shown} ({texts.Threshold} {limit})";
        }

        return texts.IsChinese
            ? $"{name}{texts.IsNow} {shown}，{relation}{texts.Threshold} {limit}"
            : $"{name} {texts.IsNow} {shown}, {relation} the {texts.Threshold} of {limit}";
    }

    private static string Format(double value, AlertMetricUnit unit, AlertTexts texts) => unit switch
    {
        AlertMetricUnit.Percent => value.ToString("0.##", CultureInfo.InvariantCulture) + (texts.IsChinese ? "%" : " %"),
        AlertMetricUnit.Seconds => Duration(TimeSpan.FromSeconds(value), texts),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string Duration(TimeSpan span, AlertTexts texts)
    {
        var hours = (int)span.TotalHours;
        return texts.IsChinese
            ? (hours > 0 ? $"{hours} 小时 {span.Minutes} 分钟" : $"{span.Minutes} 分钟 {span.Seconds} 秒")
            : (hours > 0 ? $"{hours} h {span.Minutes} min" : $"{span.Minutes} min {span.Seconds} s");
    }

    private static string Time(DateTimeOffset at, TimeZoneInfo zone, AlertTexts texts)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var utc = $"UTC{sign}{offset.Duration():hh\\:mm}";
        var clock = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return texts.IsChinese ? $"{clock}（{utc}）" : $"{clock} ({utc})";
    }
}
