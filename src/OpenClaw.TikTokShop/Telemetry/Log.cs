using Microsoft.Extensions.Logging;

namespace OpenClaw.TikTokShop.Telemetry;

/// <summary>Log events of the client. Never a token, secret, signature, auth code or URL query.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "TikTok Shop call {Path} for shop {ShopId} failed: {ErrorKey} code={Code} http={HttpStatus} request_id={RequestId} after {Retries} retries")]
    public static partial void CallFailed(ILogger logger, string path, string shopId, string errorKey, int? code, int? httpStatus, string? requestId, int retries);

    [LoggerMessage(2, LogLevel.Debug, "Retrying TikTok Shop call {Path} for shop {ShopId} (attempt {Attempt}) in {DelayMs} ms after {ErrorKey}")]
    public static partial void Retrying(ILogger logger, string path, string shopId, int attempt, double delayMs, string errorKey);

    [LoggerMessage(3, LogLevel.Information, "Access token of shop {ShopId} expired during {Path}; retrying once with a refreshed token")]
    public static partial void RetryingWithRefreshedToken(ILogger logger, string shopId, string path);

    [LoggerMessage(4, LogLevel.Warning, "The failure report (CallOptions.OnFailure) of TikTok Shop call {Path} for shop {ShopId} threw; the call's outcome stands")]
    public static partial void FailureReportFailed(ILogger logger, Exception exception, string path, string shopId);
}
