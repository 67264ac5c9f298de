using System.Globalization;

namespace OpenClaw.Api.Metrics;

/// <summary>
/// The date-range query of the metrics endpoints: <c>from</c> and <c>to</c> as shop-local <c>yyyy-MM-dd</c>, both
/// inclusive; defaults to the last <see cref="DefaultDays"/> days ending today (UTC date); at most
/// <see cref="OpenClaw.Grains.Metrics.Queries.MetricsQuery.MaxDays"/> days.
/// </summary>
public sealed class MetricsRange
{
    /// <summary>Days a range covers when none is given.</summary>
    public const int DefaultDays = 7;

    /// <summary>First shop-local date, <c>yyyy-MM-dd</c>.</summary>
    public string? From { get; init; }

    /// <summary>Last shop-local date (inclusive), <c>yyyy-MM-dd</c>.</summary>
    public string? To { get; init; }

    /// <summary>Parses and checks the range; errors are keyed by parameter name.</summary>
    public (DateOnly From, DateOnly To, Dictionary<string, string[]> Errors) Resolve(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var to = Parse(To, "to", today, errors);
        var from = Parse(From, "from", to.AddDays(1 - DefaultDays), errors);
        if (errors.Count == 0 && from > to)
        {
            errors["from"] = ["from must not be after to."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber + 1 > Grains.Metrics.Queries.MetricsQuery.MaxDays)
        {
            errors["to"] = [$"A range covers at most {Grains.Metrics.Queries.MetricsQuery.MaxDays} days."];
        }

        return (from, to, errors);
    }

    private static DateOnly Parse(string? value, string name, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[name] = [$"{name} must be a date as yyyy-MM-dd (the shop's local day)."];
        return fallback;
    }
}
