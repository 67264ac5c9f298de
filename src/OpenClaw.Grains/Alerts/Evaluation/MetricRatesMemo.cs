using OpenClaw.Grains.Metrics.Queries;

namespace OpenClaw.Grains.Alerts.Evaluation;

/// <summary>
/// One shop activation's last shop-health rates per window length, so the alert timer (every minute) reads the day
/// buckets only when they can have moved: the shop grain calls <see cref="Invalidate"/> whenever it writes its buckets
/// (an upserted page, a rebuild or sweep step), and a window is read again when its local end date changes or after
/// <see cref="MaxAge"/> (a bound for writes the grain did not make). Measured: alert evaluation was a quarter of an
/// idle-shop silo's CPU before (docs/benchmarks.md). Not thread-safe: one grain activation owns it.
/// </summary>
public sealed class MetricRatesMemo
{
    /// <summary>Longest time a remembered window's rates are used without reading the buckets again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    // Every entry was read since the last Invalidate (which clears them); _version tells a read that overlapped one.
    private readonly Dictionary<int, (DateOnly Today, DateTimeOffset ReadAt, MetricRates Rates)> _byDays = [];
    private long _version;

    /// <summary>Forgets every remembered window: the shop's day buckets were written.</summary>
    public void Invalidate()
    {
        _version++;
        _byDays.Clear();
    }

    /// <summary>
    /// The rates of the <paramref name="days"/>-day window ending <paramref name="today"/> (shop-local) at
    /// <paramref name="now"/> (the grain's clock): remembered ones while usable, else what <paramref name="read"/>
    /// returns, remembered unless the buckets were written while it read.
    /// </summary>
    public async Task<MetricRates> GetOrReadAsync(int days, DateOnly today, DateTimeOffset now, Func<Task<MetricRates>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_byDays.TryGetValue(days, out var entry) && entry.Today == today && now >= entry.ReadAt && now - entry.ReadAt < MaxAge)
        {
            return entry.Rates;
        }

        var version = _version;
        var rates = await read().ConfigureAwait(true);
        if (version == _version)
        {
            _byDays[days] = (today, now, rates);
        }

        return rates;
    }
}
