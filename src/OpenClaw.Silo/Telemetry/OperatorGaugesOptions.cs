using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Silo.Telemetry;

/// <summary>
/// The silo's <c>Telemetry</c> section (environment <c>Telemetry__…</c>): how often the <c>OpenClaw.Operations</c>
/// gauges (<see cref="OperatorGauges"/>) are recomputed. Validated when the silo starts; a value out of range stops it
/// with exit code 78 and the key named.
/// </summary>
public sealed class OperatorGaugesOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>The interval used when <see cref="OperatorGaugesInterval"/> is not set: 30 seconds.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time between two recomputations of the gauges (<c>Telemetry:OperatorGaugesInterval</c>, a TimeSpan such as
    /// <c>00:00:30</c>; default 30 seconds, 1 millisecond to 10 minutes). It is also how long a silo waits after it
    /// starts before its first values, and about how long the next oldest silo takes to report once the reporting silo
    /// leaves. Each recomputation scans every tenant's shop index and reads every shop summary, so short intervals cost
    /// the store; tests use 1 second.
    /// </summary>
    // The minimum is PeriodicTimer's resolution (it refuses less than 1 ms); 10 minutes keeps a gauge from going stale
    // for longer than a dashboard's usual window.
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan OperatorGaugesInterval { get; set; } = DefaultInterval;
}
