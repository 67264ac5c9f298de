using System.Globalization;
using Microsoft.Extensions.Localization;
using OpenClaw.Dashboard.Model;

namespace OpenClaw.Dashboard.Components.Controls;

/// <summary>Numbers, rates, durations and statuses as an operator reads them, in the UI culture.</summary>
public static class TextFormats
{
    /// <summary>A 0–1 rate as a percentage with one decimal, or the "none" mark.</summary>
    public static string Percent(double? rate, IStringLocalizer loc)
    {
        ArgumentNullException.ThrowIfNull(loc);
        return rate is { } r ? (r * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %" : loc[nameof(Resources.Common.None)];
    }

    /// <summary>A whole number with group separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>An amount with its currency code.</summary>
    public static string Money(decimal amount, string currency) => amount.ToString("N2", CultureInfo.CurrentCulture) + " " + currency;

    /// <summary>A lag or age in the largest sensible unit.</summary>
    public static string Duration(double? seconds, IStringLocalizer loc)
    {
        ArgumentNullException.ThrowIfNull(loc);
        return seconds switch
        {
            null or < 0 => loc[nameof(Resources.Common.None)],
            < 120 => loc[nameof(Resources.Common.DurationSeconds), Math.Round(seconds.Value)],
            < 7200 => loc[nameof(Resources.Common.DurationMinutes), Math.Round(seconds.Value / 60)],
            < 172_800 => loc[nameof(Resources.Common.DurationHours), Math.Round(seconds.Value / 3600)],
            _ => loc[nameof(Resources.Common.DurationDays), Math.Round(seconds.Value / 86_400)],
        };
    }

    /// <summary>A time in <paramref name="zone"/> (the operator's choice; as sent when null), ISO-like with its UTC offset.</summary>
    public static string Time(DateTimeOffset? at, IStringLocalizer loc, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(loc);
        return at is { } t
            ? (zone is null ? t : TimeZoneInfo.ConvertTime(t, zone)).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)
            : loc[nameof(Resources.Common.None)];
    }

    /// <summary>A shop status in the UI language.</summary>
    public static string Status(string? status, IStringLocalizer loc)
    {
        ArgumentNullException.ThrowIfNull(loc);
        return status switch
        {
            "active" => loc[nameof(Resources.Common.StatusActive)],
            "paused" => loc[nameof(Resources.Common.StatusPaused)],
            "disconnected" => loc[nameof(Resources.Common.StatusDisconnected)],
            "needs_reauthorization" => loc[nameof(Resources.Common.StatusNeedsReauthorization)],
            "deactivated" => loc[nameof(Resources.Common.StatusDeactivated)],
            "not_connected" => loc[nameof(Resources.Common.StatusNotConnected)],
            _ => status ?? loc[nameof(Resources.Common.None)],
        };
    }

    /// <summary>A health level in the UI language.</summary>
    public static string Health(HealthLevel level, IStringLocalizer loc)
    {
        ArgumentNullException.ThrowIfNull(loc);
        return level switch
        {
            HealthLevel.Critical => loc[nameof(Resources.Common.HealthCritical)],
            HealthLevel.Warning => loc[nameof(Resources.Common.HealthWarning)],
            _ => loc[nameof(Resources.Common.HealthGood)],
        };
    }
}
