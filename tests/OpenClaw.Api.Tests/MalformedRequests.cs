using System.Text;

namespace OpenClaw.Api.Tests;

/// <summary>One request that must be refused: method, path and query, body, content type, who sends it, and why it is bad.</summary>
public sealed record MalformedRequest(string Method, string Path, byte[]? Body, string? ContentType, string? Authorization, string? IfMatch, string Why);

/// <summary>
/// Generates bad requests for every endpoint of the API: unknown or hostile ids, wrong JSON types, unknown fields,
/// truncated or control-character-corrupted JSON (seeded fuzz, always invalid), huge bodies, wrong content types, bad
/// query values, cursors and ISO times, missing or wrong keys, too weak scopes and wrong methods. None of them may be
/// accepted, so none may change anything.
/// </summary>
public sealed class MalformedRequests(string tenantId, string shopId, string adminKey, string readKey, string platformKey)
{
    private const string Json = "application/json";

    /// <summary>
    /// Ids no tenant, shop or key has: path traversal, unicode, injection, too long, control characters. Not <c>%00</c>:
    /// Kestrel refuses a NUL in the path itself (a bare 400) before the application sees the request.
    /// </summary>
    public static readonly string[] BadIds =
    [
        "no-such-thing", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e", "店铺", "ünïcødé", new string('a', 65), "'%20OR%201=1%20--", "%20",
        "x;y", "%E2%80%AE", "%F0%9F%98%80", "..%5C..%5Cwindows", "%25%32%65", "null", "-1", "1e99", "%0D%0ASet-Cookie:x",
    ];

    private static readonly string[] BadTimes = ["yesterday", "2026-13-01T00:00:00Z", "2026-12-01T25:00:00+08:00", "2026-12-01", "2026-12-01T00:00:00", "1796000000", "", "%00"];
    private static readonly string[] BadLimits = ["0", "-1", "abc", "1e3", "99999999999999999999", "%00", "", "1.5", "201", "501"];
    private static readonly string[] BadCursors = ["%25%25%25", "bm90LWEtY3Vyc29y", "YWZ0ZXI6Li4vLi4v", new string('A', 400), "%00", "AAAA", "_-_-", "YXVkaXQtYmVmb3JlOng"];

    private static string Bearer(string key) => "Bearer " + key;

    /// <summary>Every request; <paramref name="fuzzPerBody"/> corrupted copies of each valid body (seeded).</summary>
    public IEnumerable<MalformedRequest> All(int fuzzPerBody = 250)
    {
        var admin = Bearer(adminKey);
        var shop = $"/api/v1/shops/{shopId}";
        var tenant = $"/api/v1/tenants/{tenantId}";
        // Valid bodies (never sent as they are) and the fields whose types are wrong in the typed variants.
        (string Method, string Path, string Valid, string Auth, string[] StringFields, string[] TimeFields, string[] ListFields)[] bodies =
        [
            ("POST", "/api/v1/tenants", """{"tenant_id":"fuzz-tenant","name":"x"}""", Bearer(platformKey), ["tenant_id", "name"], [], []),
            ("POST", $"{tenant}/keys", """{"name":"fuzz","scopes":["read"]}""", admin, ["name"], [], ["scopes"]),
            ("POST", "/api/v1/shops", """{"access_token":"a","access_token_expires_at":"2030-01-01T00:00:00Z","refresh_token":"b","refresh_token_expires_at":"2030-01-01T00:00:00Z"}""",
                admin, ["access_token", "refresh_token"], ["access_token_expires_at", "refresh_token_expires_at"], ["granted_scopes"]),
            ("PATCH", shop, """{"time_zone":"Asia/Shanghai","tags":["fuzz"],"warehouse_names":{"1":"x"},"paused":true}""", admin, ["time_zone"], [], ["tags"]),
            ("POST", $"{shop}/sync", """{"domains":["orders"]}""", admin, [], [], ["domains"]),
            ("POST", $"{shop}/backfill", """{"from":"2026-11-01T00:00:00+08:00"}""", admin, [], ["from"], []),
            ("POST", MalformedIngestRequests.Path, MalformedIngestRequests.Valid(shopId), admin, [], [], ["items"]),
        ];

        var random = new Random(20261201);
        foreach (var (method, path, valid, auth, strings, times, lists) in bodies)
        {
            foreach (var (body, why) in GenericBadBodies(valid).Concat(Typed(valid, strings, times, lists)).Concat(Fuzz(valid, fuzzPerBody, random)))
            {
                yield return new(method, path, body, Json, auth, "\"0\"", why);
            }

            foreach (var type in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/csv" })
            {
                yield return new(method, path, Encoding.UTF8.GetBytes(valid), type, auth, "\"0\"", "content type " + type);
            }

            yield return new(method, path, Encoding.UTF8.GetBytes(valid), null, auth, "\"0\"", "no content type");
            foreach (var (header, why) in BadAuth(readOnlyAllowed: false))
            {
                yield return new(method, path, Encoding.UTF8.GetBytes(valid), Json, header, "\"0\"", why);
            }
        }

        foreach (var id in BadIds)
        {
            yield return new("GET", $"/api/v1/shops/{id}", null, null, admin, null, "shop id " + id);
            yield return new("DELETE", $"/api/v1/shops/{id}", null, null, admin, null, "shop id " + id);
            yield return new("PATCH", $"/api/v1/shops/{id}", Encoding.UTF8.GetBytes("""{"tags":["x"]}"""), Json, admin, "*", "shop id " + id);
            yield return new("POST", $"/api/v1/shops/{id}/sync", Encoding.UTF8.GetBytes("{}"), Json, admin, null, "shop id " + id);
            yield return new("POST", $"/api/v1/shops/{id}/backfill", Encoding.UTF8.GetBytes("""{"from":"2026-11-01T00:00:00Z"}"""), Json, admin, null, "shop id " + id);
            yield return new("GET", $"/api/v1/tenants/{id}", null, null, admin, null, "tenant id " + id);
            yield return new("GET", $"/api/v1/tenants/{id}/keys", null, null, admin, null, "tenant id " + id);
            yield return new("POST", $"/api/v1/tenants/{id}/keys", Encoding.UTF8.GetBytes("""{"name":"x","scopes":["read"]}"""), Json, admin, null, "tenant id " + id);
            yield return new("DELETE", $"{tenant}/keys/{id}", null, null, admin, null, "key id " + id);
            yield return new("DELETE", $"/api/v1/tenants/{id}/keys/{id}", null, null, admin, null, "tenant and key id " + id);
        }

        foreach (var request in Queries(admin).Concat(Anonymous()).Concat(WrongMethods(admin, shop, tenant)).Concat(Huge(admin, shop, tenant))
            .Concat(MalformedIngestRequests.All(shopId, admin)))
        {
            yield return request;
        }

        string[] readPaths = ["/api/v1/shops", shop, "/api/v1/audit", tenant, $"{tenant}/keys", "/api/v1/shops/authorize"];
        foreach (var path in readPaths)
        {
            foreach (var (header, why) in BadAuth(readOnlyAllowed: path.StartsWith("/api/v1/shops", StringComparison.Ordinal)))
            {
                yield return new("GET", path, null, null, header, null, why);
            }
        }

        yield return new("POST", MalformedIngestRequests.Path, Encoding.UTF8.GetBytes(MalformedIngestRequests.Valid(shopId)), Json, Bearer(readKey), null, "read key reports errors");
        yield return new("DELETE", shop, null, null, Bearer(readKey), null, "read key disconnects");
        yield return new("DELETE", $"{tenant}/keys/key_0000000000000000", null, null, Bearer(readKey), null, "read key revokes");
        yield return new("GET", "/api/v1/shops/authorize", null, null, Bearer(readKey), null, "read key asks for a consent link");
    }

    private static IEnumerable<(byte[] Body, string Why)> GenericBadBodies(string valid)
    {
        string[] texts =
        [
            "{", "}", "[]", "123", "\"text\"", "true", "{\"zzz_unknown\":1}", valid[..^1] + ",\"zzz_unknown\":1}", valid + "{}", valid + "garbage",
            "{\"a\":" + new string('[', 200) + new string(']', 200) + "}", "{\"a\":1,\"a\":2}", "{'single':'quotes'}", "{\"x\":NaN}", "{\"x\":01}",
            "{\"x\":\"\\uD800\"}", "{\"x\":\"\\q\"}", "/* comment */" + valid, valid.Replace("\"", "\\\"", StringComparison.Ordinal),
        ];
        foreach (var text in texts)
        {
            yield return (Encoding.UTF8.GetBytes(text), "body " + text[..Math.Min(text.Length, 40)]);
        }

        yield return ([0xFF, 0xFE, 0x7B, 0x7D], "invalid UTF-8");
        yield return ([.. Encoding.UTF8.GetBytes(valid[..5]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(valid[5..])], "invalid UTF-8 inside");
        yield return ([.. Encoding.Unicode.GetBytes(valid)], "UTF-16 body");
    }

    // The valid body with one field replaced by a value of the wrong type.
    private static IEnumerable<(byte[] Body, string Why)> Typed(string valid, string[] strings, string[] times, string[] lists)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(valid)!.AsObject();
        IEnumerable<(string Field, string Value)> cases =
            strings.SelectMany(f => new[] { "1", "true", "[]", "{}", "1.5", "[\"a\"]" }.Select(v => (f, v)))
            .Concat(times.SelectMany(f => new[] { "\"yesterday\"", "\"2026-13-01T00:00:00Z\"", "\"2026-12-01T25:00:00+08:00\"", "\"1796000000\"", "\"\"", "12", "[]" }
                .Select(v => (f, v))))
            .Concat(lists.SelectMany(f => new[] { "\"x\"", "1", "{}", "[1]", "[null]", "[[]]", "[{}]", "[\"no_such_value\"]" }.Select(v => (f, v))));
        foreach (var (field, value) in cases)
        {
            var copy = document.DeepClone().AsObject();
            copy[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
            yield return (Encoding.UTF8.GetBytes(copy.ToJsonString()), $"{field}={value}");
        }
    }

    // Seeded corruption that always breaks JSON: a strict non-empty prefix, or a raw control character (never \t \n \r).
    private static IEnumerable<(byte[] Body, string Why)> Fuzz(string valid, int count, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                var length = random.Next(1, valid.Length);
                yield return (Encoding.UTF8.GetBytes(valid[..length]), $"truncated at {length}");
            }
            else
            {
                char[] controls = [.. Enumerable.Range(1, 31).Where(c => c is not (9 or 10 or 13)).Select(c => (char)c)];
                var at = random.Next(0, valid.Length + 1);
                var control = controls[random.Next(controls.Length)];
                yield return (Encoding.UTF8.GetBytes(valid.Insert(at, control.ToString())), $"control U+{(int)control:X4} at {at}");
            }
        }
    }

    private IEnumerable<(string? Header, string Why)> BadAuth(bool readOnlyAllowed)
    {
        yield return (null, "no key");
        yield return ("Bearer ock_not-a-real-key", "unknown key");
        yield return ("Bearer", "empty bearer");
        yield return ("Basic dXNlcjpwYXNz", "basic auth");
        yield return ("Bearer " + new string('k', 300), "key too long");
        yield return ("Bearer " + adminKey + "x", "key with extra character");
        yield return ("Bearer " + adminKey[..^1], "key missing a character");
        if (!readOnlyAllowed)
        {
            yield return (Bearer(readKey), "read-only key");
        }
    }

    private static IEnumerable<MalformedRequest> Queries(string admin)
    {
        var shopQueries = BadLimits.Select(v => "limit=" + v).Concat(BadCursors.Select(v => "cursor=" + v))
            .Concat(["status=sleeping", "status=ACTIVE", "status=", "region=usa", "region=u", "region=%00", "tag=", "tag=" + new string('t', 65)]);
        foreach (var query in shopQueries)
        {
            yield return new("GET", "/api/v1/shops?" + query, null, null, admin, null, "shops " + query);
        }

        var auditQueries = BadTimes.Select(v => "from=" + v).Concat(BadTimes.Select(v => "to=" + v)).Concat(BadLimits.Where(v => v != "201").Select(v => "limit=" + v))
            .Concat(BadCursors.Select(v => "cursor=" + v)).Concat(["action=", "action=shop.exploded", "action=SHOP.CONNECTED", "action=%00"]);
        foreach (var query in auditQueries)
        {
            yield return new("GET", "/api/v1/audit?" + query, null, null, admin, null, "audit " + query);
        }
    }

    // No key needed here: the OAuth callback's state and the webhook's signature are what is checked.
    private static IEnumerable<MalformedRequest> Anonymous()
    {
        string[] callbacks = ["", "code=abc", "state=forged&code=abc", "state=" + new string('s', 3000) + "&code=abc", "state=&code=", "error=auth_denied", "state=%00&code=%00", "code=null&state=x"];
        foreach (var query in callbacks)
        {
            yield return new("GET", "/api/v1/oauth/callback?" + query, null, null, null, null, "callback " + query);
        }

        string[] webhooks = ["{}", "{", """{"type":1,"tts_notification_id":"x","shop_id":"1","data":{}}""", "[]", ""];
        foreach (var body in webhooks)
        {
            foreach (var signature in new string?[] { null, "", new string('0', 64), new string('g', 64), "Bearer x" })
            {
                yield return new("POST", "/webhooks/tiktok", Encoding.UTF8.GetBytes(body), Json, signature, null, $"webhook {body} signed {signature}");
            }
        }
    }

    private static IEnumerable<MalformedRequest> WrongMethods(string admin, string shop, string tenant)
    {
        (string Path, string[] Methods)[] routes =
        [
            ("/api/v1/tenants", ["GET", "PUT", "PATCH", "DELETE"]), (tenant, ["POST", "PUT", "PATCH", "DELETE"]), ($"{tenant}/keys", ["PUT", "PATCH", "DELETE"]),
            ("/api/v1/shops", ["PUT", "PATCH", "DELETE"]), (shop, ["POST", "PUT"]), ($"{shop}/sync", ["GET", "PUT", "DELETE"]),
            ($"{shop}/backfill", ["GET", "PUT", "DELETE"]), ("/api/v1/shops/import", ["PUT", "PATCH", "DELETE"]), ("/api/v1/audit", ["POST", "PUT", "PATCH", "DELETE"]),
            ("/api/v1/oauth/callback", ["POST", "PUT", "DELETE"]), (MalformedIngestRequests.Path, ["GET", "PUT", "PATCH", "DELETE"]), ("/webhooks/tiktok", ["GET", "PUT", "PATCH", "DELETE"]), ("/api/v1/shops/authorize", ["POST", "PUT"]),
        ];
        foreach (var (path, methods) in routes)
        {
            foreach (var method in methods)
            {
                yield return new(method, path, method is "GET" or "DELETE" ? null : Encoding.UTF8.GetBytes("{}"), method is "GET" or "DELETE" ? null : Json, admin, "\"0\"", "method " + method);
            }
        }

        foreach (var path in new[] { "/api/v2/shops", "/api/v1", "/api/v1/shops/x/y/z", "/webhooks", "/api/v1/tenants/x/keys/y/z" })
        {
            yield return new("GET", path, null, null, admin, null, "no such route");
        }
    }

    private static IEnumerable<MalformedRequest> Huge(string admin, string shop, string tenant)
    {
        var huge = Encoding.UTF8.GetBytes("{\"zzz\":\"" + new string('x', 3 * 1024 * 1024) + "\"}");
        foreach (var (method, path) in new[] { ("POST", "/api/v1/shops"), ("PATCH", shop), ("POST", $"{shop}/sync"), ("POST", $"{shop}/backfill"), ("POST", $"{tenant}/keys") })
        {
            yield return new(method, path, huge, Json, admin, "\"0\"", "3 MiB body");
        }

        yield return new("POST", "/webhooks/tiktok", huge, Json, new string('0', 64), null, "3 MiB webhook");
        yield return new("POST", "/api/v1/shops/import", new byte[5 * 1024 * 1024], "text/csv", admin, null, "5 MiB CSV");
        yield return new("POST", "/api/v1/shops/import", Encoding.UTF8.GetBytes("no,header,here\n1,2,3\n"), "text/csv", admin, null, "CSV without the columns");
        yield return new("POST", "/api/v1/shops/import", [], "text/csv", admin, null, "empty CSV");
        yield return new("POST", "/api/v1/shops/import", Encoding.UTF8.GetBytes("{}"), Json, admin, null, "JSON to the CSV import");
    }
}
