using System.Text.Json;

namespace OpenClaw.Api.OpsErrors;

/// <summary>The body of <c>POST /api/v1/ops-errors/ingest</c>: a batch of failed calls a seller's own systems made.</summary>
/// <param name="Items">1 to <c>Api:OpsErrorIngest:MaxItems</c> (500) failures; each is accepted or rejected on its own.</param>
public sealed record OpsErrorIngestRequest(IReadOnlyList<ReportedErrorItem?>? Items);

/// <summary>One failed TikTok call or webhook callback of the seller's ERP, OMS or middleware.</summary>
/// <param name="ShopId">TikTok shop id; must be one of the caller's tenant's shops.</param>
/// <param name="Endpoint">The API path (e.g. <c>/order/202309/orders/search</c>; a query string is cut off) or the webhook callback path; required, 1–200 characters, starts with <c>/</c>.</param>
/// <param name="Method">HTTP method: GET, POST, PUT, PATCH or DELETE (default POST).</param>
/// <param name="HttpStatus">HTTP status of the answer, 100–599; absent when no answer arrived (network failure, timeout).</param>
/// <param name="Code">TikTok's envelope <c>code</c>; absent or 0 when there was none.</param>
/// <param name="Message">TikTok's <c>message</c> or the middleware's error text (at most 2,000 characters).</param>
/// <param name="RequestId">TikTok's <c>request_id</c>, when one was returned (at most 128 characters).</param>
/// <param name="RequestPayload">What was sent (URL and body): a string or any JSON value (at most 64 KiB as text). Redacted on arrival.</param>
/// <param name="ResponsePayload">The answer's body: a string or any JSON value (at most 64 KiB as text). Redacted on arrival.</param>
/// <param name="ResponseHeaders">The answer's headers, name → value (at most 64). Credentials are masked on arrival; <c>WWW-Authenticate</c> helps the classification.</param>
/// <param name="RetryCount">Retries the seller's system made, 0–100 (default 0).</param>
/// <param name="OccurredAt">When the call failed: ISO 8601 with an offset, within the retention window and not in the future.</param>
public sealed record ReportedErrorItem(
    string? ShopId, string? Endpoint, string? Method, int? HttpStatus, int? Code, string? Message, string? RequestId,
    JsonElement? RequestPayload, JsonElement? ResponsePayload, IReadOnlyDictionary<string, string>? ResponseHeaders, int? RetryCount, string? OccurredAt);

/// <summary>The outcome of one item of a batch.</summary>
/// <param name="Index">The item's position in <c>items</c> (from 0).</param>
/// <param name="Status"><c>stored</c> or <c>rejected</c>.</param>
/// <param name="GroupId">The ops error group it was counted in (stored items).</param>
/// <param name="Code">The group's code: the catalogue key, or the raw TikTok code when the catalogue does not know it (stored items).</param>
/// <param name="Category">The catalogue category, e.g. <c>auth</c>, <c>rate_limit</c> (stored items).</param>
/// <param name="Errors">Why it was rejected, by field (rejected items).</param>
public sealed record ReportedErrorResult(int Index, string Status, string? GroupId, string? Code, string? Category, IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>The answer to a batch: every item's outcome in order, and the counts.</summary>
/// <param name="Stored">Items stored.</param>
/// <param name="Rejected">Items rejected (nothing of them stored).</param>
/// <param name="Results">One per item, in order.</param>
public sealed record OpsErrorIngestResponse(int Stored, int Rejected, IReadOnlyList<ReportedErrorResult> Results);
