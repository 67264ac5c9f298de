namespace OpenClaw.Grains.Budget;

/// <summary>
/// One quota day: from midnight to midnight in the configured zone (<see cref="RateBudgetOptions.QuotaDayTimeZone"/>).
/// A day around a daylight-saving change lasts 23 or 25 hours.
/// </summary>
/// <param name="Date">The calendar date in the quota zone.</param>
/// <param name="Start">When the day starts (inclusive).</param>
/// <param name="End">When the next day starts (exclusive).</param>
public readonly record struct QuotaDay(DateOnly Date, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Length of the day.</summary>
    public TimeSpan Length => End - Start;

    /// <summary>The quota day containing <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static QuotaDay Containing(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return new QuotaDay(date, StartOf(date, zone), StartOf(date.AddDays(1), zone));
    }

    /// <summary>Share of the day elapsed at <paramref name="now"/>, 0 … 1.</summary>
    public double ElapsedFraction(DateTimeOffset now) => Math.Clamp((now - Start) / Length, 0, 1);

    /// <summary>Time left in the day at <paramref name="now"/> (never negative).</summary>
    public TimeSpan Left(DateTimeOffset now) => End > now ? End - now : TimeSpan.Zero;

    // The first instant of the date in the zone: local midnight, or the end of a daylight-saving gap that swallows it.
    private static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        // An ambiguous midnight (clocks fall back over it) starts at its first occurrence: the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
