using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Grains.OpsErrors;

/// <summary>
/// Ops error records (configuration section <c>OpsErrors</c>, read by the silo that writes and the API that reads;
/// validated at start).
/// </summary>
public sealed class OpsErrorOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "OpsErrors";

    /// <summary>Longest retention an operator may set (issue 10: 7 days by default, at most 30).</summary>
    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a group is kept after it was last seen: its hash expires (TTL, refreshed on every occurrence) and
    /// every write trims the indexes it touches to this window; reads never look further back. 1 hour – 30 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most characters of a stored request or response excerpt (after redaction), 64–4096.</summary>
    public int ExcerptLength { get; set; } = 512;

    /// <summary>Most rows of a CSV export (and groups a summary counts), 1–1,000,000.</summary>
    public int ExportRowLimit { get; set; } = 100_000;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Retention < TimeSpan.FromHours(1) || Retention > MaxRetention) yield return new("must be between 01:00:00 and 30.00:00:00", [nameof(Retention)]);
        if (ExcerptLength is < 64 or > 4096) yield return new("must be 64–4096", [nameof(ExcerptLength)]);
        if (ExportRowLimit is < 1 or > 1_000_000) yield return new("must be 1–1,000,000", [nameof(ExportRowLimit)]);
    }
}
