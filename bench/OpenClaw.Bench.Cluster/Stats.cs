using System.Globalization;

namespace OpenClaw.Bench.Cluster;

/// <summary>Percentiles over a set of measurements (nearest-rank).</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Ms(double milliseconds) =>
        milliseconds >= 100 ? milliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms"
        : milliseconds >= 1 ? milliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms"
        : milliseconds.ToString("N3", CultureInfo.InvariantCulture) + " ms";

    public static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("N2", CultureInfo.InvariantCulture) + " s";

    public static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
