using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Api.OpsErrors;

/// <summary>Bounds of <c>POST /api/v1/ops-errors/ingest</c> (section <c>Api:OpsErrorIngest</c>, validated at start).</summary>
public sealed class OpsErrorIngestOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Api:OpsErrorIngest";

    /// <summary>Most items in one batch; a larger batch is refused whole (400 <c>too_many_items</c>) before anything is stored.</summary>
    [Range(1, 10_000)]
    public int MaxItems { get; set; } = 500;

    /// <summary>Largest request body in bytes; larger → 413 before anything is stored.</summary>
    [Range(4096, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Longest request or response payload of one item, in characters (its JSON text when not a string); longer → that item is rejected.</summary>
    [Range(256, 1024 * 1024)]
    public int MaxPayloadChars { get; set; } = 64 * 1024;

    /// <summary>Longest message of one item, in characters.</summary>
    [Range(64, 64 * 1024)]
    public int MaxMessageChars { get; set; } = 2000;

    /// <summary>Most response headers of one item.</summary>
    [Range(1, 1000)]
    public int MaxHeaders { get; set; } = 64;

    /// <summary>How far in the future (seller clock skew) an <c>occurred_at</c> may be.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
