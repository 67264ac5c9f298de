using System.Text.Json.Serialization;
using OpenClaw.TikTokShop.Json;

namespace OpenClaw.TikTokShop.Analytics;

/// <summary>
/// <c>data</c> of shop performance. The contract names <c>latest_available_date</c> next to
/// <c>performance.intervals</c> without saying at which level (unconfirmed): both are read.
/// </summary>
public sealed record ShopPerformanceData(ShopPerformance Performance, string? LatestAvailableDate = null)
{
    /// <summary>The latest date with complete data, wherever the server put it.</summary>
    public string? LatestDate => LatestAvailableDate ?? Performance.LatestAvailableDate;
}

/// <summary>Performance intervals.</summary>
public sealed record ShopPerformance(IReadOnlyList<PerformanceInterval>? Intervals = null, string? LatestAvailableDate = null);

/// <summary>
/// One interval (dates are YYYY-MM-DD in the shop's time zone, end exclusive). Only <c>gmv</c> has a documented
/// money shape; the other figures are read as numbers or decimal strings (unconfirmed).
/// </summary>
public sealed record PerformanceInterval(
    string StartDate,
    string EndDate,
    PerformanceAmount? Gmv = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? Orders = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? SkuOrders = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? UnitsSold = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? Buyers = null,
    PerformanceAmount? AvgOrderValue = null,
    PerformanceAmount? Refunds = null,
    [property: JsonConverter(typeof(DecimalStringConverter))] decimal? CancellationsAndReturns = null);

/// <summary>An amount with its currency.</summary>
public sealed record PerformanceAmount([property: JsonConverter(typeof(DecimalStringConverter))] decimal Amount, string Currency);

/// <summary>Which shop performance to read.</summary>
/// <param name="StartDate">First day (shop time zone).</param>
/// <param name="EndDateExclusive">Day after the last day.</param>
/// <param name="Granularity"><c>ALL</c> or <c>1D</c>.</param>
/// <param name="Currency"><c>USD</c> or <c>LOCAL</c>.</param>
public sealed record ShopPerformanceQuery(DateOnly StartDate, DateOnly EndDateExclusive, string Granularity = "1D", string Currency = "LOCAL");
