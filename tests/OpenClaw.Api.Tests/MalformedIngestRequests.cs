using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.Api.Tests;

/// <summary>
/// Bad batches for <c>POST /api/v1/ops-errors/ingest</c> (issue 15), beyond the generic bad bodies the suite sends to
/// every creating endpoint: wrong types inside an item (400, nothing read), single items whose values are out of
/// bounds or name another tenant's shop (422, nothing stored), and batches out of bounds (400/413).
/// </summary>
public static class MalformedIngestRequests
{
    /// <summary>The path.</summary>
    public const string Path = "/api/v1/ops-errors/ingest";

    /// <summary>A valid one-item batch for <paramref name="shopId"/> (never sent as it is).</summary>
    public static string Valid(string shopId) => new JsonObject
    {
        ["items"] = new JsonArray(Item(shopId)),
    }.ToJsonString();

    /// <summary>Every bad batch, sent with <paramref name="authorization"/> (a key that may write).</summary>
    public static IEnumerable<MalformedRequest> All(string shopId, string authorization)
    {
        const string json = "application/json";
        (string Field, string[] Values)[] wrongTypes =
        [
            ("shop_id", ["1", "true", "[]", "{}"]), ("endpoint", ["1", "[]", "{}"]), ("method", ["1", "[]"]),
            ("http_status", ["\"429\"", "4.29", "true", "[]", "1e3", "99999999999"]), ("code", ["\"105002\"", "1.5", "{}", "99999999999"]),
            ("message", ["1", "[]", "{}"]), ("request_id", ["1", "[]"]), ("response_headers", ["[]", "\"x\"", "1", "{\"a\":1}", "{\"a\":null}", "{\"a\":[\"b\"]}"]),
            ("retry_count", ["\"1\"", "1.5", "-1e9", "[]"]), ("occurred_at", ["12", "[]", "{}", "true"]), ("zzz_unknown", ["1"]),
        ];
        var badValues = new (string Field, string Value)[]
        {
            ("shop_id", "\"\""), ("shop_id", "null"), ("shop_id", "\"another-tenants-shop\""), ("shop_id", "\"x;y\""), ("shop_id", "\"" + new string('s', 65) + "\""),
            ("endpoint", "\"\""), ("endpoint", "null"), ("endpoint", "\"orders\""), ("endpoint", "\"/a|b\""), ("endpoint", "\"/a b\""), ("endpoint", "\"/\""),
            ("endpoint", "\"/" + new string('e', 200) + "\""), ("method", "\"FETCH\""), ("method", "\"\""), ("http_status", "99"), ("http_status", "600"),
            ("http_status", "-1"), ("retry_count", "-1"), ("retry_count", "101"), ("message", "\"" + new string('m', 2001) + "\""),
            ("request_id", "\"" + new string('r', 129) + "\""), ("request_payload", "\"" + new string('p', 70_000) + "\""),
            ("response_payload", "{\"x\":\"" + new string('p', 70_000) + "\"}"),
            ("response_headers", "{" + string.Join(',', Enumerable.Range(0, 65).Select(i => $"\"h{i}\":\"v\"")) + "}"), ("response_headers", "{\"\":\"v\"}"),
            ("occurred_at", "null"), ("occurred_at", "\"2020-01-01T00:00:00Z\""), ("occurred_at", "\"2100-01-01T00:00:00+08:00\""),
            ("occurred_at", "\"yesterday\""), ("occurred_at", "\"2026-11-30T08:00:00\""), ("occurred_at", "\"2026-13-01T00:00:00Z\""), ("occurred_at", "\"\""),
        };

        foreach (var (field, values) in wrongTypes)
        {
            foreach (var value in values)
            {
                yield return new("POST", Path, Batch(shopId, field, value), json, authorization, null, $"ingest {field}={value}");
            }
        }

        foreach (var (field, value) in badValues)
        {
            yield return new("POST", Path, Batch(shopId, field, value), json, authorization, null, $"ingest {field}={value[..Math.Min(value.Length, 30)]}");
        }

        string[] batches =
        [
            "{}", "{\"items\":null}", "{\"items\":[]}", "{\"items\":[null,null]}", "{\"items\":{}}", "{\"items\":\"x\"}",
            "{\"items\":[" + string.Join(',', Enumerable.Repeat(Item(shopId).ToJsonString(), 501)) + "]}",
        ];
        foreach (var batch in batches)
        {
            yield return new("POST", Path, Encoding.UTF8.GetBytes(batch), json, authorization, null, "ingest batch " + batch[..Math.Min(batch.Length, 30)]);
        }

        yield return new("POST", Path, Encoding.UTF8.GetBytes("{\"items\":[{\"zzz\":\"" + new string('x', 5 * 1024 * 1024) + "\"}]}"), json, authorization, null, "ingest 5 MiB batch");
    }

    private static JsonObject Item(string shopId) => new()
    {
        ["shop_id"] = shopId, ["endpoint"] = "/order/202309/orders/search", ["method"] = "POST", ["http_status"] = 429, ["code"] = 105002,
        ["message"] = "access token expired", ["request_id"] = "20261130", ["request_payload"] = new JsonObject { ["page_size"] = 50 },
        ["response_payload"] = "{\"code\":105002}", ["response_headers"] = new JsonObject { ["Retry-After"] = "1" }, ["retry_count"] = 1,
        ["occurred_at"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    // A one-item batch with one field of the item replaced by raw JSON.
    private static byte[] Batch(string shopId, string field, string value)
    {
        var item = Item(shopId);
        item[field] = JsonNode.Parse(value);
        return Encoding.UTF8.GetBytes(new JsonObject { ["items"] = new JsonArray(item) }.ToJsonString());
    }
}
