using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.TikTokShop.Calls;

/// <summary>
/// A logical call in which at least one attempt failed, as handed to <see cref="CallOptions.OnFailure"/>: the final
/// error, or, when a retry then succeeded (<see cref="Recovered"/>), the last failed attempt's error. The excerpts
/// never hold the app secret, the access or refresh token, the auth code or the signature: the transport replaces
/// them (by query key and by value) with <c>***</c> before the callback sees them. They may still hold buyer data a
/// response carried; the receiver redacts that (e.g. by JSON key) before storing.
/// </summary>
/// <param name="Method">HTTP method, e.g. <c>GET</c>.</param>
/// <param name="Path">The path template, e.g. <c>/order/202309/orders/search</c> or <c>/api/v2/token/refresh</c>.</param>
/// <param name="Error">The final error, or the last failed attempt's error when <see cref="Recovered"/>.</param>
/// <param name="RetryCount">Retries the client made in the whole call (0 when the first attempt decided).</param>
/// <param name="Recovered">True when a later attempt succeeded: the call returned data.</param>
/// <param name="RequestExcerpt">Method, path and the caller's query (credentials masked), then the body's start.</param>
/// <param name="ResponseExcerpt">The start of the failed attempt's body (UTF-8, at most about 1 KiB), or null when none arrived.</param>
public sealed record FailedCall(
    string Method, string Path, TikTokShopError Error, int RetryCount, bool Recovered, string RequestExcerpt, string? ResponseExcerpt);
