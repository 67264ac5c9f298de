using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Api.Shops;

/// <summary>CSV import of already-issued tokens (section <c>Api:Import</c>).</summary>
public sealed class ImportOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Api:Import";

    /// <summary>Most data rows in one file; a larger file is refused whole (400) before any row is imported.</summary>
    [Range(1, 100_000)]
    public int MaxRows { get; set; } = 1000;

    /// <summary>Largest file in bytes; larger → 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 4 * 1024 * 1024;
}
