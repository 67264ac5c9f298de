namespace OpenClaw.TikTokShop.Errors;

/// <summary>
/// One entry of the error catalogue: how to classify a TikTok Shop failure and what to tell an operator, in English
/// and Chinese.
/// </summary>
/// <param name="Key">Stable identifier, e.g. <c>105002</c>, <c>36009004:timestamp</c> or <c>network</c>.</param>
/// <param name="Code">The TikTok code, or null for pseudo-entries (network, timeout, bad response, bare HTTP status).</param>
/// <param name="HttpStatus">The HTTP status the contract documents for the code, when known.</param>
/// <param name="Category">Failure category.</param>
/// <param name="Retryable">Whether retrying the same request can succeed.</param>
/// <param name="Reaction">What OpenClaw does about it.</param>
/// <param name="Meaning">One-line English meaning.</param>
/// <param name="DiagnosisEn">Plain-language diagnosis (English).</param>
/// <param name="FixEn">What to do (English).</param>
/// <param name="DiagnosisZh">Plain-language diagnosis (Chinese).</param>
/// <param name="FixZh">What to do (Chinese).</param>
public sealed record ErrorCatalogueEntry(
    string Key,
    int? Code,
    int? HttpStatus,
    ErrorCategory Category,
    bool Retryable,
    OpenClawReaction Reaction,
    string Meaning,
    string DiagnosisEn,
    string FixEn,
    string DiagnosisZh,
    string FixZh)
{
    /// <summary>True for rate-limit errors that must be reported to the caller's rate budget.</summary>
    public bool IsRateLimit => Reaction == OpenClawReaction.BackOffAndReportToBudget;
}
