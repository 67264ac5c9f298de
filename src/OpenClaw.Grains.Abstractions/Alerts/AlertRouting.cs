namespace OpenClaw.Grains.Alerts;

/// <summary>A label matcher operator, as in Alertmanager's matcher syntax (<c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>).</summary>
public enum MatchOperator
{
    /// <summary><c>=</c>: the label equals the value (a missing label is the empty string).</summary>
    Equal = 0,

    /// <summary><c>!=</c>: the label does not equal the value.</summary>
    NotEqual = 1,

    /// <summary><c>=~</c>: the label matches the regular expression, anchored at both ends.</summary>
    Regex = 2,

    /// <summary><c>!~</c>: the label does not match the anchored regular expression.</summary>
    NotRegex = 3,
}

/// <summary>One label matcher (Alertmanager "matchers"): <c>Name Operator Value</c>.</summary>
/// <param name="Name">Label name, e.g. <c>shop</c>, <c>severity</c>, <c>category</c>.</param>
/// <param name="Operator">Comparison.</param>
/// <param name="Value">Value or regular expression (.NET syntax, anchored as <c>^(?:Value)$</c>).</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.LabelMatcher")]
public sealed record LabelMatcher(
    [property: Id(0)] string Name,
    [property: Id(1)] MatchOperator Operator,
    [property: Id(2)] string Value);

/// <summary>
/// A silence (Alertmanager "silences"): alerts whose labels match every matcher are not notified from
/// <see cref="StartsAt"/> (inclusive) to <see cref="EndsAt"/> (exclusive). It does not stop evaluation or the alert state.
/// </summary>
/// <param name="Id">Silence id.</param>
/// <param name="Matchers">All must match (at least one).</param>
/// <param name="StartsAt">Start (UTC).</param>
/// <param name="EndsAt">End (UTC).</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="Comment">Why.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertSilence")]
public sealed record AlertSilence(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<LabelMatcher> Matchers,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] string? Comment = null);

/// <summary>A wall-clock range within a day, <c>[Start, End)</c>, in minutes (Alertmanager <c>times</c>: <c>start_time</c>/<c>end_time</c>).</summary>
/// <param name="StartMinute">Start, minutes after local midnight (0–1439), inclusive.</param>
/// <param name="EndMinute">End, minutes after local midnight (1–1440; 1440 is 24:00), exclusive; greater than the start.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.TimeOfDayRange")]
public sealed record TimeOfDayRange(
    [property: Id(0)] int StartMinute,
    [property: Id(1)] int EndMinute)
{
    /// <summary>A range from <c>HH:mm</c> texts, e.g. <c>("22:00", "24:00")</c>.</summary>
    public static TimeOfDayRange Parse(string start, string end) => new(ParseMinute(start), ParseMinute(end));

    private static int ParseMinute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var m) || h is < 0 or > 24 || m is < 0 or > 59
            || (h == 24 && m != 0))
        {
            throw new FormatException($"'{text}' is not a time of day HH:mm between 00:00 and 24:00");
        }

        return (h * 60) + m;
    }
}

/// <summary>
/// One recurring period (Alertmanager <c>time_intervals</c> entry): it matches when every given field matches; an
/// empty field matches always.
/// </summary>
/// <param name="Weekdays">Days of the week in the interval's time zone; empty = every day.</param>
/// <param name="Times">Wall-clock ranges; empty = the whole day.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.TimeIntervalSpec")]
public sealed record TimeIntervalSpec(
    [property: Id(0)] IReadOnlyList<DayOfWeek> Weekdays,
    [property: Id(1)] IReadOnlyList<TimeOfDayRange> Times);

/// <summary>
/// A named mute window (Alertmanager <c>mute_time_intervals</c> with <c>location</c>): a route that names it sends
/// nothing while any of <see cref="Intervals"/> matches the current wall-clock time in <see cref="TimeZone"/>.
/// </summary>
/// <param name="Name">Name routes refer to.</param>
/// <param name="TimeZone">IANA time zone, e.g. <c>Asia/Shanghai</c>, <c>America/New_York</c>.</param>
/// <param name="Intervals">Periods; any one matching mutes.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.MuteTimeInterval")]
public sealed record MuteTimeInterval(
    [property: Id(0)] string Name,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] IReadOnlyList<TimeIntervalSpec> Intervals);

/// <summary>
/// An inhibition rule (Alertmanager <c>inhibit_rules</c>): while an alert matching <see cref="SourceMatchers"/> is
/// firing, alerts matching <see cref="TargetMatchers"/> with the same values of every <see cref="Equal"/> label are not
/// notified. An alert never inhibits itself.
/// </summary>
/// <param name="SourceMatchers">The inhibiting alert.</param>
/// <param name="TargetMatchers">The inhibited alerts.</param>
/// <param name="Equal">Labels that must be equal on both (e.g. <c>shop</c>).</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.InhibitRule")]
public sealed record InhibitRule(
    [property: Id(0)] IReadOnlyList<LabelMatcher> SourceMatchers,
    [property: Id(1)] IReadOnlyList<LabelMatcher> TargetMatchers,
    [property: Id(2)] IReadOnlyList<string> Equal);

/// <summary>
/// Where matching alerts go and how they are grouped and timed (an Alertmanager route without nesting). Routes are
/// tried in order; the first match wins unless it says <see cref="Continue"/>.
/// </summary>
/// <param name="Matchers">All must match; empty matches every alert.</param>
/// <param name="ChannelIds">Notification channels (receivers) of the route.</param>
/// <param name="GroupBy">Labels that split alerts into groups; default <c>tenant</c> + <c>rule</c>.</param>
/// <param name="GroupWait">Wait before a new group's first notification, to batch alerts that fire together. Default 30 s.</param>
/// <param name="GroupInterval">Wait before notifying a group again about new or resolved alerts. Default 5 min.</param>
/// <param name="RepeatInterval">Wait before repeating an unchanged notification. Default 4 h.</param>
/// <param name="SendResolved">Whether resolved alerts are notified. Default true.</param>
/// <param name="MuteTimeIntervals">Names of mute windows in which the route sends nothing.</param>
/// <param name="Continue">Also try the following routes after this one matched.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertRoute")]
public sealed record AlertRoute(
    [property: Id(0)] IReadOnlyList<LabelMatcher> Matchers,
    [property: Id(1)] IReadOnlyList<string> ChannelIds,
    [property: Id(2)] IReadOnlyList<string>? GroupBy = null,
    [property: Id(3)] TimeSpan? GroupWait = null,
    [property: Id(4)] TimeSpan? GroupInterval = null,
    [property: Id(5)] TimeSpan? RepeatInterval = null,
    [property: Id(6)] bool SendResolved = true,
    [property: Id(7)] IReadOnlyList<string>? MuteTimeIntervals = null,
    [property: Id(8)] bool Continue = false)
{
    /// <summary>Default grouping: tenant and rule.</summary>
    public static IReadOnlyList<string> DefaultGroupBy { get; } = ["tenant", "rule"];

    /// <summary>Alertmanager's default <c>group_wait</c>: 30 s.</summary>
    public static TimeSpan DefaultGroupWait { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Alertmanager's default <c>group_interval</c>: 5 min.</summary>
    public static TimeSpan DefaultGroupInterval { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Alertmanager's default <c>repeat_interval</c>: 4 h.</summary>
    public static TimeSpan DefaultRepeatInterval { get; } = TimeSpan.FromHours(4);
}

/// <summary>A tenant's whole routing configuration.</summary>
/// <param name="Routes">Routes in order.</param>
/// <param name="Silences">Silences (expired ones are ignored).</param>
/// <param name="MuteTimeIntervals">Named mute windows.</param>
/// <param name="InhibitRules">Inhibition rules.</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.AlertRoutingPolicy")]
public sealed record AlertRoutingPolicy(
    [property: Id(0)] IReadOnlyList<AlertRoute> Routes,
    [property: Id(1)] IReadOnlyList<AlertSilence> Silences,
    [property: Id(2)] IReadOnlyList<MuteTimeInterval> MuteTimeIntervals,
    [property: Id(3)] IReadOnlyList<InhibitRule> InhibitRules);

/// <summary>
/// One notification the router decided to send to one channel: a group's firing and resolved alerts at a flush (what
/// Alertmanager hands a receiver). The outbox delivers it.
/// </summary>
/// <param name="Id">Idempotency id (<c>X-OpenClaw-Request-Id</c> for the signed webhook).</param>
/// <param name="TenantId">Owning tenant.</param>
/// <param name="ChannelId">Target channel.</param>
/// <param name="GroupKey">The group's identity (route index and group-by label values).</param>
/// <param name="GroupLabels">The group-by labels and their values.</param>
/// <param name="Firing">Firing alerts of the group.</param>
/// <param name="Resolved">Alerts resolved since the last notification (empty unless the route sends resolved).</param>
/// <param name="CreatedAt">When the router flushed the group (UTC).</param>
[GenerateSerializer, Immutable, Alias("OpenClaw.RoutedNotification")]
public sealed record RoutedNotification(
    [property: Id(0)] string Id,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string ChannelId,
    [property: Id(3)] string GroupKey,
    [property: Id(4)] IReadOnlyDictionary<string, string> GroupLabels,
    [property: Id(5)] IReadOnlyList<AlertNotification> Firing,
    [property: Id(6)] IReadOnlyList<AlertNotification> Resolved,
    [property: Id(7)] DateTimeOffset CreatedAt);
