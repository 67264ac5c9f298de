using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Api.Metrics;

/// <summary>
/// <c>Api:Metrics</c>: how long a shared tenant-wide metrics result (overview, comparison) is reused
/// (<see cref="MetricsSnapshots"/>, docs/api-guide.md "Freshness").
/// </summary>
public sealed class MetricsCacheOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Api:Metrics";

    /// <summary>A result younger than this is served as is; older, it is still served while one refresh runs behind it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The oldest result ever served: past this age (or after a write through this API to one of the tenant's shops)
    /// a reader waits for a new computation instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxStale { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Heavy computations (each reads shops × days buckets) running at once in this API process; more wait in line.</summary>
    [Range(1, 64)]
    public int MaxConcurrentComputations { get; set; } = 2;

    /// <summary>Distinct (tenant, query) results kept; past this, results older than <see cref="MaxStale"/> are dropped.</summary>
    [Range(1, 100_000)]
    public int Capacity { get; set; } = 512;
}
