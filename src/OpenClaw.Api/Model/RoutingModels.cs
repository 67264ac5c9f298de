using OpenClaw.Grains.Alerts;

namespace OpenClaw.Api.Model;

/// <summary>A route (Alertmanager's, without nesting): matching alerts go to its channels, grouped and timed.</summary>
/// <param name="Matchers">All must match; empty matches every alert.</param>
/// <param name="ChannelIds">Channels (at least one).</param>
/// <param name="GroupBy">Labels that split groups; default <c>tenant</c>, <c>rule</c>.</param>
/// <param name="GroupWaitSeconds">Wait before a new group's first message (default 30).</param>
/// <param name="GroupIntervalSeconds">Between a group's messages (default 300).</param>
/// <param name="RepeatIntervalSeconds">Before repeating an unchanged message (default 14400).</param>
/// <param name="SendResolved">Notify resolutions (default true).</param>
/// <param name="MuteTimeIntervals">Names of mute windows.</param>
/// <param name="Continue">Also try later routes.</param>
public sealed record RouteBody(
    IReadOnlyList<MatcherBody>? Matchers, IReadOnlyList<string>? ChannelIds, IReadOnlyList<string>? GroupBy = null, long? GroupWaitSeconds = null,
    long? GroupIntervalSeconds = null, long? RepeatIntervalSeconds = null, bool? SendResolved = null, IReadOnlyList<string>? MuteTimeIntervals = null,
    bool? Continue = null);

/// <summary>A wall-clock range, <c>HH:mm</c> to <c>HH:mm</c> (end exclusive, <c>24:00</c> allowed).</summary>
/// <param name="Start">Start.</param>
/// <param name="End">End.</param>
public sealed record TimeRangeBody(string? Start, string? End);

/// <summary>A recurring period; an empty field matches always.</summary>
/// <param name="Weekdays">Days (<c>monday</c> …).</param>
/// <param name="Times">Ranges.</param>
public sealed record IntervalBody(IReadOnlyList<DayOfWeek>? Weekdays, IReadOnlyList<TimeRangeBody>? Times);

/// <summary>A named mute window in a time zone.</summary>
/// <param name="Name">Name routes refer to.</param>
/// <param name="TimeZone">IANA zone.</param>
/// <param name="Intervals">Periods; any one mutes.</param>
public sealed record MuteWindowBody(string? Name, string? TimeZone, IReadOnlyList<IntervalBody>? Intervals);

/// <summary>An inhibition rule.</summary>
/// <param name="SourceMatchers">The muting alert.</param>
/// <param name="TargetMatchers">The muted alerts.</param>
/// <param name="Equal">Labels equal on both.</param>
public sealed record InhibitBody(IReadOnlyList<MatcherBody>? SourceMatchers, IReadOnlyList<MatcherBody>? TargetMatchers, IReadOnlyList<string>? Equal);

/// <summary>A tenant's routing.</summary>
/// <param name="Routes">In order; the first match wins unless it continues.</param>
/// <param name="MuteTimeIntervals">Named mute windows.</param>
/// <param name="InhibitRules">Inhibition rules.</param>
/// <param name="IsDefault">In answers: true while the default applies (everything to every channel).</param>
public sealed record RoutingBody(IReadOnlyList<RouteBody>? Routes, IReadOnlyList<MuteWindowBody>? MuteTimeIntervals, IReadOnlyList<InhibitBody>? InhibitRules,
    bool? IsDefault = null)
{
    /// <summary>As the grain's routing; an unparsable <c>HH:mm</c> throws <see cref="FormatException"/>.</summary>
    public AlertRoutingConfig ToConfig() => new(
        [.. (Routes ?? []).Select(r => new AlertRoute([.. (r.Matchers ?? []).Select(m => m.ToMatcher())], r.ChannelIds ?? [], r.GroupBy,
            Seconds(r.GroupWaitSeconds), Seconds(r.GroupIntervalSeconds), Seconds(r.RepeatIntervalSeconds), r.SendResolved ?? true, r.MuteTimeIntervals,
            r.Continue ?? false))],
        [.. (MuteTimeIntervals ?? []).Select(w => new MuteTimeInterval(w.Name ?? "", w.TimeZone ?? "",
            [.. (w.Intervals ?? []).Select(i => new TimeIntervalSpec(i.Weekdays ?? [], [.. (i.Times ?? []).Select(t => TimeOfDayRange.Parse(t.Start ?? "", t.End ?? ""))]))]))],
        [.. (InhibitRules ?? []).Select(i => new InhibitRule([.. (i.SourceMatchers ?? []).Select(m => m.ToMatcher())],
            [.. (i.TargetMatchers ?? []).Select(m => m.ToMatcher())], i.Equal ?? []))]);

    /// <summary>From the grain's routing.</summary>
    public static RoutingBody From(AlertRoutingConfig c) => new(
        [.. c.Routes.Select(r => new RouteBody([.. r.Matchers.Select(MatcherBody.From)], r.ChannelIds, r.GroupBy ?? AlertRoute.DefaultGroupBy,
            (long)(r.GroupWait ?? AlertRoute.DefaultGroupWait).TotalSeconds, (long)(r.GroupInterval ?? AlertRoute.DefaultGroupInterval).TotalSeconds,
            (long)(r.RepeatInterval ?? AlertRoute.DefaultRepeatInterval).TotalSeconds, r.SendResolved, r.MuteTimeIntervals ?? [], r.Continue))],
        [.. c.MuteTimeIntervals.Select(w => new MuteWindowBody(w.Name, w.TimeZone, [.. w.Intervals.Select(i => new IntervalBody(i.Weekdays,
            [.. i.Times.Select(t => new TimeRangeBody(Clock(t.StartMinute), Clock(t.EndMinute)))]))]))],
        [.. c.InhibitRules.Select(i => new InhibitBody([.. i.SourceMatchers.Select(MatcherBody.From)], [.. i.TargetMatchers.Select(MatcherBody.From)], i.Equal))],
        c.IsDefault);

    private static TimeSpan? Seconds(long? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    private static string Clock(int minute) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");
}
