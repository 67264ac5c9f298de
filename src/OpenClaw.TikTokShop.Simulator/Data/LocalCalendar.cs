namespace OpenClaw.TikTokShop.Simulator.Data;

/// <summary>
/// The local days of one time zone: the date an instant falls on and the instant a date begins. A local day runs from
/// midnight to midnight, so a DST change day is 23 or 25 hours long (docs/metrics.md, "Day and time zone").
/// </summary>
/// <param name="Zone">The zone (IANA ids resolve on Linux without ICU).</param>
public sealed record LocalCalendar(TimeZoneInfo Zone)
{
    /// <summary>The local date of a Unix time (seconds).</summary>
    public DateOnly DateOf(long unixSeconds) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(unixSeconds), Zone).DateTime);

    /// <summary>Unix time (seconds) of the local midnight that starts <paramref name="date"/>.</summary>
    public long Midnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUnixTimeSeconds();
    }
}
