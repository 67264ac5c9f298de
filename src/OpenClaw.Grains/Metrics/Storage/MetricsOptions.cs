using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Grains.Metrics.Storage;

/// <summary>Metrics storage settings (configuration section <c>Metrics</c>, validated at start).</summary>
public sealed class MetricsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Metrics";

    /// <summary>
    /// Shop-local days a day bucket is kept (docs/metrics.md: default 90, up to 365). Older days are neither written nor
    /// queried; their keys expire two days after they leave the window, and ledger entries whose days all lie beyond it
    /// are swept.
    /// </summary>
    [Range(1, 365)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>Ledger entries the sweep looks at per grain turn (bounds the work a turn adds).</summary>
    [Range(10, 10_000)]
    public int SweepBatch { get; set; } = 500;

    /// <summary>Stored entities a time-zone rebuild recomputes per grain turn.</summary>
    [Range(10, 10_000)]
    public int RebuildBatch { get; set; } = 500;

    /// <summary>Real time between two sweeps of a shop's ledger.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(6);
}
