using System.Security.Cryptography;
using System.Text.Json;

namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>Writes the contract envelope <c>{code, message, request_id, data}</c>.</summary>
public static class Envelope
{
    /// <summary>snake_case JSON as TikTok sends it; nulls are kept because TikTok sends them too.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>A request id: 34 characters, UTC <c>yyyyMMddHHmmss</c> then 20 upper-case hex digits.</summary>
    public static string NewRequestId(DateTimeOffset utcNow) =>
        utcNow.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)
        + Convert.ToHexString(RandomNumberGenerator.GetBytes(10));

    /// <summary>Writes a success envelope.</summary>
    public static Task WriteSuccessAsync(HttpContext context, object? data, DateTimeOffset realNow) =>
        WriteAsync(context, 200, 0, "Success", data, realNow);

    /// <summary>Writes an error envelope with the error's HTTP status (and its <c>Retry-After</c>, if any).</summary>
    public static Task WriteErrorAsync(HttpContext context, ApiError error, DateTimeOffset realNow)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, error.HttpStatus, error.Code, error.Message, null, realNow);
    }

    private static async Task WriteAsync(HttpContext context, int status, int code, string message, object? data, DateTimeOffset realNow)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new EnvelopeBody(code, message, NewRequestId(realNow), data);
        await JsonSerializer.SerializeAsync(context.Response.Body, body, Json, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed record EnvelopeBody(int Code, string Message, string RequestId, object? Data);
}
