using System.Globalization;
using System.Text;

namespace OpenClaw.Grains.Metrics;

/// <summary>
/// What one group (an order with its returns, cancellations and tracking, or a product) adds to a shop's buckets:
/// bucket → field → value. A bucket is a shop-local date (<c>yyyy-MM-dd</c>) or <see cref="SnapshotBucket"/>. Zero
/// values are never kept, so two contributions are equal exactly when they add the same.
/// </summary>
public sealed class MetricContribution
{
    /// <summary>The bucket of the product current-state snapshot (<c>oc:{s:&lt;shop&gt;}:m:products</c>).</summary>
    public const string SnapshotBucket = "products";

    // Separators of the ledger encoding; control characters never occur in a field (Add replaces them).
    private const char BucketSeparator = '\u001e';
    private const char FieldSeparator = '\u001f';

    private readonly SortedDictionary<string, SortedDictionary<string, long>> _buckets = new(StringComparer.Ordinal);

    /// <summary>Bucket → field → value (no zero values).</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, long>> Buckets => _buckets;

    /// <summary>The value of a field in a bucket (0 when absent).</summary>
    public long this[string bucket, string field] =>
        _buckets.TryGetValue(bucket, out var fields) && fields.TryGetValue(field, out var v) ? v : 0;

    /// <summary>The bucket id of a shop-local date.</summary>
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The shop-local date of an instant in <paramref name="zone"/> (a DST day is 23 or 25 hours long).</summary>
    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>
    /// Money as minor units × 100 (docs/metrics.md): <c>amount × 100</c> as an integer, exact for amounts with up to two
    /// decimals (USD cents; VND/IDR whole amounts × 100); more decimals round half away from zero. Null counts 0.
    /// </summary>
    public static long Money(decimal? amount) =>
        amount is { } a ? (long)decimal.Round(a * 100m, 0, MidpointRounding.AwayFromZero) : 0;

    /// <summary>Adds <paramref name="value"/> to a field of the day bucket of <paramref name="date"/>.</summary>
    public void Add(DateOnly date, string field, long value) => Add(Day(date), field, value);

    /// <summary>Adds <paramref name="value"/> to a field of a bucket; control characters in the field become spaces.</summary>
    public void Add(string bucket, string field, long value)
    {
        if (value == 0)
        {
            return;
        }

        field = Clean(field);
        if (!_buckets.TryGetValue(bucket, out var fields))
        {
            _buckets[bucket] = fields = new SortedDictionary<string, long>(StringComparer.Ordinal);
        }

        var sum = (fields.TryGetValue(field, out var v) ? v : 0) + value;
        if (sum == 0)
        {
            fields.Remove(field);
            if (fields.Count == 0)
            {
                _buckets.Remove(bucket);
            }
        }
        else
        {
            fields[field] = sum;
        }
    }

    /// <summary>What applying <paramref name="next"/> in place of <paramref name="previous"/> adds: bucket, field, delta (never 0).</summary>
    public static IReadOnlyList<(string Bucket, string Field, long Delta)> Difference(MetricContribution? previous, MetricContribution next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var delta = new MetricContribution();
        foreach (var (bucket, fields) in next._buckets)
        {
            foreach (var (field, v) in fields)
            {
                delta.Add(bucket, field, v);
            }
        }

        foreach (var (bucket, fields) in previous?._buckets ?? [])
        {
            foreach (var (field, v) in fields)
            {
                delta.Add(bucket, field, -v);
            }
        }

        return [.. delta._buckets.SelectMany(b => b.Value.Select(f => (b.Key, f.Key, f.Value)))];
    }

    /// <summary>The compact ledger form: per bucket <c>RS bucket (US field=value)*</c>.</summary>
    public string Encode()
    {
        var sb = new StringBuilder();
        foreach (var (bucket, fields) in _buckets)
        {
            sb.Append(BucketSeparator).Append(bucket);
            foreach (var (field, v) in fields)
            {
                sb.Append(FieldSeparator).Append(field).Append('=').Append(v.ToString(CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Reads <see cref="Encode"/>'s form.</summary>
    /// <exception cref="FormatException">The text is not a contribution.</exception>
    public static MetricContribution Decode(ReadOnlySpan<char> text)
    {
        var c = new MetricContribution();
        foreach (var bucketRange in text.Split(BucketSeparator))
        {
            var bucketText = text[bucketRange];
            if (bucketText.IsEmpty)
            {
                continue;
            }

            string? bucket = null;
            foreach (var fieldRange in bucketText.Split(FieldSeparator))
            {
                var part = bucketText[fieldRange];
                if (bucket is null)
                {
                    bucket = part.ToString();
                    continue;
                }

                var eq = part.LastIndexOf('=');
                c.Add(bucket, part[..eq].ToString(), long.Parse(part[(eq + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }
        }

        return c;
    }

    private static string Clean(string field) =>
        field.Any(char.IsControl) ? new string([.. field.Select(ch => char.IsControl(ch) ? ' ' : ch)]) : field;
}
