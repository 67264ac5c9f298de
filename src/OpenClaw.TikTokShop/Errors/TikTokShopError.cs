namespace OpenClaw.TikTokShop.Errors;

/// <summary>
/// A failed TikTok Shop call: what TikTok (or the network) answered, and the catalogue entry that explains it.
/// Never carries tokens, secrets, signatures or auth codes.
/// </summary>
/// <param name="HttpStatus">HTTP status, or null when no answer arrived.</param>
/// <param name="Code">TikTok's envelope code, or null when there was none.</param>
/// <param name="Message">TikTok's message, or a description of the pseudo-error.</param>
/// <param name="RequestId">TikTok's request id, when one was returned.</param>
/// <param name="Path">The API path template, e.g. <c>/product/202309/products/{product_id}</c>.</param>
/// <param name="Entry">The catalogue entry: category, retryability, reaction, diagnosis and fix.</param>
/// <param name="RetryAfter">The Retry-After the server sent, if any.</param>
public sealed record TikTokShopError(
    int? HttpStatus,
    int? Code,
    string Message,
    string? RequestId,
    string Path,
    ErrorCatalogueEntry Entry,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Failure category.</summary>
    public ErrorCategory Category => Entry.Category;

    /// <summary>Whether the same request can succeed later.</summary>
    public bool IsRetryable => Entry.Retryable;

    /// <summary>One line for logs and alerts (no secrets).</summary>
    public override string ToString() =>
        $"TikTok Shop {Path} failed: {Entry.Key} ({Category}) http={HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} request_id={RequestId ?? "-"}: {Message}";
}
