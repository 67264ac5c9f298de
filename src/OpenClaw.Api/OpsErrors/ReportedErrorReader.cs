using System.Text.Json;
using OpenClaw.Api.Shops;
using OpenClaw.Grains.OpsErrors;

namespace OpenClaw.Api.OpsErrors;

/// <summary>
/// Checks one item of an ingestion batch and turns it into a <see cref="ReportedFailure"/>; a bad item gets its
/// problems by field (snake_case, as sent) and is rejected alone. A shop that is not the tenant's reads as unknown
/// (another tenant's shop is indistinguishable from none).
/// </summary>
public sealed class ReportedErrorReader(IReadOnlySet<string> tenantShops, OpsErrorIngestOptions limits, DateTimeOffset oldest, DateTimeOffset latest)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>The failure, or null with <paramref name="errors"/> naming every problem.</summary>
    public ReportedFailure? Read(ReportedErrorItem? item, out Dictionary<string, string[]> errors)
    {
        var problems = errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Check(string field, bool ok, string message)
        {
            if (!ok)
            {
                problems[field] = [message];
            }
        }

        if (item is null)
        {
            errors["item"] = ["each item must be an object"];
            return null;
        }

        Check("shop_id", ShopIds.IsValid(item.ShopId), "shop_id is required: 1–64 of A–Z a–z 0–9 _ -");
        if (ShopIds.IsValid(item.ShopId))
        {
            Check("shop_id", tenantShops.Contains(item.ShopId!), "no shop with that id for this tenant");
        }

        var endpoint = item.Endpoint?.Split('?', 2)[0];
        Check("endpoint", endpoint is { Length: > 1 and <= 200 } && endpoint[0] == '/' && !endpoint.Any(c => c == '|' || char.IsWhiteSpace(c) || char.IsControl(c)),
            "endpoint is required: an API or callback path such as /order/202309/orders/search (at most 200 characters, no spaces or |)");
        var method = item.Method?.ToUpperInvariant() ?? "POST";
        Check("method", Methods.Contains(method), "method must be one of " + string.Join(", ", Methods));
        Check("http_status", item.HttpStatus is null or (>= 100 and <= 599), "http_status must be 100–599 (leave it out when no answer arrived)");
        Check("message", (item.Message?.Length ?? 0) <= limits.MaxMessageChars, $"message is longer than {limits.MaxMessageChars} characters");
        Check("request_id", (item.RequestId?.Length ?? 0) <= 128, "request_id is longer than 128 characters");
        var request = Text(item.RequestPayload);
        var response = Text(item.ResponsePayload);
        Check("request_payload", (request?.Length ?? 0) <= limits.MaxPayloadChars, $"request_payload is longer than {limits.MaxPayloadChars} characters");
        Check("response_payload", (response?.Length ?? 0) <= limits.MaxPayloadChars, $"response_payload is longer than {limits.MaxPayloadChars} characters");
        var headers = item.ResponseHeaders;
        Check("response_headers", headers is null || (headers.Count <= limits.MaxHeaders
            && headers.All(h => h.Key.Length is > 0 and <= 128 && h.Value is { Length: <= 4096 } && !h.Key.Any(char.IsControl))),
            $"response_headers: at most {limits.MaxHeaders} headers, names 1–128 characters, values strings of at most 4,096");
        Check("retry_count", item.RetryCount is null or (>= 0 and <= 100), "retry_count must be 0–100");
        var at = OpsErrorQuery.Time(item.OccurredAt);
        Check("occurred_at", at is not null, "occurred_at is required: ISO 8601 with an offset, e.g. 2026-11-30T16:05:00+08:00");
        Check("occurred_at", at is null || (at >= oldest && at <= latest), "occurred_at must be within the retention window and not in the future");

        return errors.Count > 0
            ? null
            : new ReportedFailure(item.ShopId!, endpoint!, method, item.HttpStatus, item.Code, item.Message ?? "", item.RequestId is { Length: > 0 } id ? id : null,
                request, response, headers, item.RetryCount ?? 0, at!.Value);
    }

    // A string as is; any other JSON value as its JSON text; null or absent as null.
    private static string? Text(JsonElement? value) => value switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
    };
}
