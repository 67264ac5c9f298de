using System.Globalization;

namespace OpenClaw.Dashboard.Model;

/// <summary>
/// The days a metrics read covers (<c>from</c>, <c>to</c>, both inclusive) and the operator's time zone, sent as
/// <c>time_zone</c> when one is chosen; the answer's <c>day_boundary</c> says which days the API actually summed.
/// </summary>
/// <param name="First">First day.</param>
/// <param name="Last">Last day (inclusive).</param>
/// <param name="TimeZone">IANA zone the operator reads in, or null for shop-local days.</param>
public sealed record DayRange(DateOnly First, DateOnly Last, string? TimeZone = null)
{
    /// <summary>The query string of the metrics endpoints (without <c>?</c>).</summary>
    public string Query =>
        $"from={Day(First)}&to={Day(Last)}" + (TimeZone is null ? "" : "&time_zone=" + Uri.EscapeDataString(TimeZone));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
