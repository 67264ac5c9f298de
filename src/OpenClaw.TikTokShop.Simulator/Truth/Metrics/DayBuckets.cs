using System.Globalization;
using OpenClaw.TikTokShop.Simulator.Data;

namespace OpenClaw.TikTokShop.Simulator.Truth.Metrics;

/// <summary>
/// The day buckets of docs/metrics.md for a range of local days: integer fields per day, added to only for events that
/// have happened by now and fall on a day of the range. Fields never added to are absent (the contract omits zeros).
/// </summary>
internal sealed class DayBuckets
{
    private readonly LocalCalendar _calendar;
    private readonly long _now;
    private readonly SortedDictionary<DateOnly, SortedDictionary<string, long>> _days = [];

    public DayBuckets(LocalCalendar calendar, DateOnly from, DateOnly to, long now)
    {
        _calendar = calendar;
        _now = now;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            _days[day] = new SortedDictionary<string, long>(StringComparer.Ordinal);
        }
    }

    /// <summary>Adds <paramref name="value"/> to <paramref name="field"/> on the local day of <paramref name="time"/> (Unix seconds).</summary>
    public void Add(long time, string field, long value = 1)
    {
        if (value == 0 || time > _now || !_days.TryGetValue(_calendar.DateOf(time), out var fields))
        {
            return;
        }

        fields[field] = fields.GetValueOrDefault(field) + value;
    }

    /// <summary>Adds to <paramref name="field"/> and to its warehouse dimension <c>w:&lt;warehouse&gt;:&lt;field&gt;</c>.</summary>
    public void AddWithWarehouse(long time, string warehouseId, string field, long value = 1)
    {
        Add(time, field, value);
        Add(time, $"w:{warehouseId}:{field}", value);
    }

    /// <summary>The buckets keyed by <c>yyyy-MM-dd</c>, every day of the range present (empty when nothing happened).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ToDictionary() =>
        _days.ToDictionary(d => d.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d => (IReadOnlyDictionary<string, long>)d.Value, StringComparer.Ordinal);
}
