using OpenClaw.Grains.OpsErrors;

namespace OpenClaw.Api.OpsErrors;

/// <summary>A page of ops error groups, newest last seen first.</summary>
/// <param name="Items">The groups (diagnosis and fix in English and Chinese).</param>
/// <param name="NextCursor">Opaque cursor of the next page, or null on the last.</param>
public sealed record OpsErrorPage(IReadOnlyList<OpsErrorRecord> Items, string? NextCursor);

/// <summary>Ops errors counted by one dimension.</summary>
/// <param name="By">The dimension: <c>code</c>, <c>endpoint</c>, <c>shop</c> or <c>httpStatus</c>.</param>
/// <param name="Items">One line per value, most occurrences first.</param>
/// <param name="Truncated">True when more groups matched than a summary reads (<c>OpsErrors:ExportRowLimit</c>).</param>
public sealed record OpsErrorSummary(string By, IReadOnlyList<OpsErrorCount> Items, bool Truncated);
