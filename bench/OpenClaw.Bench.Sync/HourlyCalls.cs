using System.Globalization;
using System.Text;

namespace OpenClaw.Bench.Sync;

/// <summary>
/// The simulated day hour by hour: signed API calls by kind (search pages per domain, tracking, product details,
/// warehouses, performance), incremental calls the budget refused for quota, and the shops within their (stretched)
/// polling interval at the hour's end. Calls are the simulator's answers by path, diffed between hour boundaries.
/// </summary>
internal sealed class HourlyCalls(IReadOnlyDictionary<string, long> pathsAtStart, Dictionary<string, long> meterAtStart)
{
    // Path fragment → kind, first match wins (paths have ids, and the 6-digit API versions, replaced by {id}).
    private static readonly (string Fragment, string Kind)[] Kinds =
    [
        ("orders/search", "orders"), ("returns/search", "returns"), ("cancellations/search", "cancellations"),
        ("packages/search", "packages"), ("products/search", "products"), ("/tracking", "tracking"),
        ("/products/", "product detail"), ("warehouses", "warehouses"), ("performance", "performance"),
    ];

    private readonly List<Row> _rows = [];
    private IReadOnlyDictionary<string, long> _paths = pathsAtStart;
    private Dictionary<string, long> _meter = meterAtStart;

    /// <summary>Closes the hour ending at <paramref name="at"/> (simulated time).</summary>
    public void Add(DateTimeOffset at, IReadOnlyDictionary<string, long> paths, Dictionary<string, long> meter, LagSnapshot lag)
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (path, count) in paths)
        {
            var kind = Kinds.FirstOrDefault(k => path.Contains(k.Fragment, StringComparison.Ordinal)).Kind ?? "other";
            calls[kind] = calls.GetValueOrDefault(kind) + count - _paths.GetValueOrDefault(path);
        }

        long Refused(Dictionary<string, long> m) => m.GetValueOrDefault("refused/incremental/daily_quota_used") + m.GetValueOrDefault("refused/incremental/quota_exhausted");
        var refused = Refused(meter) - Refused(_meter);
        var from = _rows.LastOrDefault()?.At ?? at.AddHours(-1);
        if (_rows.Count > 0 && at - from < TimeSpan.FromMinutes(10))
        {
            // A few minutes after the last hour (the day's last jump): folded into that hour.
            var last = _rows[^1];
            _rows.RemoveAt(_rows.Count - 1);
            (from, refused) = (last.From, refused + last.Refused);
            calls = calls.Concat(last.Calls).GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
        }

        _rows.Add(new Row(from, at, calls, refused, lag.AllWithinInterval, lag.Reported));
        _paths = paths;
        _meter = meter;
    }

    /// <summary>A Markdown table, one row per hour plus the day's total.</summary>
    public string Markdown()
    {
        var kinds = Kinds.Select(k => k.Kind).Append("other").Where(k => _rows.Any(r => r.Calls.GetValueOrDefault(k) != 0)).ToList();
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"| hour (simulated) | {string.Join(" | ", kinds)} | all calls | incremental refused for quota | shops within interval |");
        md.AppendLine(CultureInfo.InvariantCulture, $"|---|{string.Concat(kinds.Select(_ => "---:|"))}---:|---:|---:|");
        foreach (var r in _rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.From:HH:mm}–{r.At:HH:mm} | {string.Join(" | ", kinds.Select(k => r.Calls.GetValueOrDefault(k).ToString("N0", CultureInfo.InvariantCulture)))} | {r.Calls.Values.Sum():N0} | {r.Refused:N0} | {(r.Reported == 0 ? 0 : (double)r.Within / r.Reported):P0} |");
        }

        md.AppendLine(CultureInfo.InvariantCulture,
            $"| day | {string.Join(" | ", kinds.Select(k => _rows.Sum(r => r.Calls.GetValueOrDefault(k)).ToString("N0", CultureInfo.InvariantCulture)))} | {_rows.Sum(r => r.Calls.Values.Sum()):N0} | {_rows.Sum(r => r.Refused):N0} | |");
        return md.ToString();
    }

    private sealed record Row(DateTimeOffset From, DateTimeOffset At, Dictionary<string, long> Calls, long Refused, int Within, int Reported);
}
