using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Json;

namespace OpenClaw.TikTokShop.Transport;

/// <summary>Turns status + body bytes into typed data or a typed error. Never throws for anything the server sends.</summary>
internal static class ResponseInterpreter
{
    public static AttemptOutcome<T> Interpret<T>(
        int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter, string pathTemplate, JsonTypeInfo<T> dataType, out string? requestId)
    {
        requestId = null;
        if (!EnvelopeReader.TryRead(body, out var envelope, out var failure))
        {
            return IsSuccessStatus(status)
                ? Fail<T>(status, null, "Unusable response: " + failure, null, pathTemplate, ErrorCatalogue.Get(ErrorCatalogue.Keys.BadResponse), retryAfter)
                : Fail<T>(status, null, $"HTTP {status} without a usable envelope", null, pathTemplate, ErrorCatalogue.Resolve(null, status, null), retryAfter);
        }

        requestId = envelope.RequestId;
        if (envelope.Code != 0 || !IsSuccessStatus(status))
        {
            var message = envelope.Message ?? $"HTTP {status}";
            return Fail<T>(status, envelope.Code == 0 ? null : envelope.Code, message, requestId, pathTemplate,
                ErrorCatalogue.Resolve(envelope.Code, status, envelope.Message), retryAfter);
        }

        if (typeof(T) == typeof(EmptyData))
        {
            return AttemptOutcome<T>.Success((T)(object)new EmptyData());
        }

        if (!envelope.HasData)
        {
            return BadResponse<T>(status, "Success envelope without data", requestId, pathTemplate);
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize(body.Slice(envelope.DataStart, envelope.DataLength), dataType);
        }
        catch (JsonException ex)
        {
            // JsonException messages name the JSON path and position, not the value. A converter's own message
            // (e.g. a malformed amount) carries no path, so it is added here: the operator needs the field.
            var where = ex.Path is { Length: > 0 } path && !ex.Message.Contains(path, StringComparison.Ordinal) ? " Path: " + path + " (inside data)." : "";
            return BadResponse<T>(status, "Unexpected data shape: " + ex.Message + where, requestId, pathTemplate);
        }

        return value is null
            ? BadResponse<T>(status, "data is null", requestId, pathTemplate)
            : AttemptOutcome<T>.Success(value);
    }

    public static TikTokShopError Error(int? status, string message, string pathTemplate, string key, string? requestId = null) =>
        new(status, null, message, requestId, pathTemplate, ErrorCatalogue.Get(key));

    private static AttemptOutcome<T> BadResponse<T>(int status, string message, string? requestId, string pathTemplate) =>
        AttemptOutcome<T>.Failure(Error(status, message, pathTemplate, ErrorCatalogue.Keys.BadResponse, requestId));

    private static AttemptOutcome<T> Fail<T>(
        int status, int? code, string message, string? requestId, string pathTemplate, ErrorCatalogueEntry entry, TimeSpan? retryAfter) =>
        AttemptOutcome<T>.Failure(new TikTokShopError(status, code, message, requestId, pathTemplate, entry, retryAfter));

    private static bool IsSuccessStatus(int status) => status is >= 200 and < 300;
}
