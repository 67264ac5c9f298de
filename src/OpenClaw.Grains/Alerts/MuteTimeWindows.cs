namespace OpenClaw.Grains.Alerts;

/// <summary>
/// Decides whether a mute window covers an instant, as Alertmanager's <c>time_intervals</c> with <c>location</c> do
/// (https://prometheus.io/docs/alerting/latest/configuration/#time_interval): the instant is converted to wall-clock
/// time in the window's IANA zone; an interval matches when its weekday list (if any) holds the local day and one of
/// its ranges (if any) holds the local minute, start inclusive and end exclusive. Across a daylight-saving change the
/// wall clock decides: in a repeated hour both instants match, a skipped hour never occurs.
/// </summary>
public static class MuteTimeWindows
{
    /// <summary>True when <paramref name="window"/> mutes at <paramref name="instant"/>.</summary>
    /// <exception cref="TimeZoneNotFoundException">The window's zone is unknown (validation rejects it first).</exception>
    public static bool IsActive(MuteTimeInterval window, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(window);
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone));
        var minute = (local.Hour * 60) + local.Minute;
        return window.Intervals.Any(i =>
            (i.Weekdays.Count == 0 || i.Weekdays.Contains(local.DayOfWeek))
            && (i.Times.Count == 0 || i.Times.Any(t => minute >= t.StartMinute && minute < t.EndMinute)));
    }

    /// <summary>An error message when <paramref name="window"/> is unusable (unknown zone, bad range), else null.</summary>
    public static string? Problem(MuteTimeInterval window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (string.IsNullOrWhiteSpace(window.Name))
        {
            return "a mute time interval needs a name";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(window.TimeZone ?? "", out _))
        {
            return $"mute time interval '{window.Name}': '{window.TimeZone}' is not an IANA time zone (e.g. Asia/Shanghai)";
        }

        foreach (var range in window.Intervals.SelectMany(i => i.Times))
        {
            if (range.StartMinute < 0 || range.EndMinute > 1440 || range.StartMinute >= range.EndMinute)
            {
                return $"mute time interval '{window.Name}': a time range must start before it ends, within 00:00–24:00";
            }
        }

        return null;
    }
}
