using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using OpenClaw.Grains.Tenants;

namespace OpenClaw.Api.Errors;

/// <summary>
/// Turns exceptions into RFC 9457 problems: malformed requests → 400, a grain's <see cref="ArgumentException"/> → 400,
/// <see cref="KeyNotFoundException"/> → 404, <see cref="InvalidOperationException"/> (e.g. the shop is not connected)
/// → 409, <see cref="TenantOnboardingException"/> → 422 with TikTok's code, an unreachable cluster or store → 503. Anything
/// else is a 500 problem without internals.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, title, detail, code) = Describe(exception);
        if (status >= 500)
        {
            LogFailure(exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (code is not null)
        {
            context.ProblemDetails.Extensions["error_code"] = code;
        }

        return await problems.TryWriteAsync(context).ConfigureAwait(false);
    }

    /// <summary>Status, title, detail and optional error code for an exception.</summary>
    public static (int Status, string Title, string Detail, string? Code) Describe(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", BadRequestDetail(bad), null),
        JsonException json => (400, "Bad request", "The body is not valid JSON for this request: " + json.Message, null),
        TenantOnboardingException onboarding => (422, "TikTok refused the onboarding", onboarding.Message, onboarding.ErrorKey),
        ArgumentException argument => (400, "Invalid value", argument.Message, null),
        KeyNotFoundException => (404, "Not found", "No such resource for this tenant.", null),
        InvalidOperationException invalid => (409, "Conflict", invalid.Message, null),
        TimeoutException or OrleansException => (503, "Cluster unavailable", "The shop cluster did not answer in time; retry shortly.", null),
        StackExchange.Redis.RedisException or Orleans.Persistence.Redis.RedisStorageException =>
            (503, "Store unavailable", "The data store did not answer; retry shortly.", null),
        _ => (500, "Internal error", "An unexpected error occurred; the trace id identifies it in the logs.", null),
    };

    // "Failed to read parameter "X" from the request body as JSON." plus the parser's reason (line, position, field).
    private static string BadRequestDetail(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private partial void LogFailure(Exception exception, string method, string path);
}
