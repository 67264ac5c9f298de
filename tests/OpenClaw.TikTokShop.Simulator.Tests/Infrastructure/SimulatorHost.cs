using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using OpenClaw.TestSupport;

namespace OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

/// <summary>The simulator on a real loopback port, plus a signed client written for the tests.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    public const string AppKey = "openclaw-demo-app";
    public const string AppSecret = "openclaw-demo-secret";

    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>Starts a simulator; <paramref name="settings"/> are <c>Key=Value</c> pairs under <c>Simulator:</c>.</summary>
    public static async Task<SimulatorHost> StartAsync(params string[] settings)
    {
        // Port 0: Kestrel binds a port the OS picks, so no other test's listener (the simulator's own SMTP sink binds
        // port 0 too) can take it between choosing and binding.
        var defaults = new[] { "ClockSpeed=0", "ShopCount=3", "HistoryDays=5", "OrdersPerShopPerDay=20" };
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning" };
        args.AddRange(defaults.Concat(settings).Select(s => "--Simulator:" + s));
        var app = SimulatorApp.Create(args.ToArray());
        await app.StartAsync();
        return new SimulatorHost(app, app.Urls.Single());
    }

    public async Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} → {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An admin call that may fail: the status, the media type and the parsed body (default when empty or not JSON).</summary>
    public async Task<AdminResponse> AdminRawAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body = default;
        try
        {
            body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            // Left as default: the caller asserts on the status.
        }

        return new AdminResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, text);
    }

    public async Task<IReadOnlyList<ShopInfo>> ShopsAsync()
    {
        var shops = await AdminAsync(HttpMethod.Get, "/_sim/shops");
        return shops.EnumerateArray().Select(s => new ShopInfo(
            s.GetProperty("shop_id").GetString()!, s.GetProperty("cipher").GetString()!, s.GetProperty("time_zone").GetString()!,
            s.GetProperty("currency").GetString()!)).ToList();
    }

    public async Task<long> NowAsync() => (await AdminAsync(HttpMethod.Get, "/_sim/clock")).GetProperty("now").GetInt64();

    public Task AdvanceAsync(long seconds) => AdminAsync(HttpMethod.Post, "/_sim/clock/advance", new { seconds });

    public async Task<string> AuthCodeAsync(string shopId) =>
        (await AdminAsync(HttpMethod.Post, "/_sim/auth/code", new { shop_id = shopId })).GetProperty("code").GetString()!;

    /// <summary>Token call on the auth service (unsigned).</summary>
    public async Task<ApiResponse> TokenAsync(string path, IDictionary<string, string> query)
    {
        var url = path + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var response = await Http.GetAsync(url);
        return await ApiResponse.ReadAsync(response);
    }

    /// <summary>Authorizes a shop through the token service and returns its access token.</summary>
    public async Task<Session> ConnectAsync(int shopIndex = 0)
    {
        var shop = (await ShopsAsync())[shopIndex];
        var code = await AuthCodeAsync(shop.Id);
        var token = await TokenAsync("/api/v2/token/get", new Dictionary<string, string>
        {
            ["app_key"] = AppKey, ["app_secret"] = AppSecret, ["auth_code"] = code, ["grant_type"] = "authorized_code",
        });
        Assert.Equal(0, token.Code);
        return new Session(this, shop, token.Data.GetProperty("access_token").GetString()!, token.Data.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>A signed API call; <paramref name="tamperSign"/> and <paramref name="bodyAfterSigning"/> alter the request after signing.</summary>
    public async Task<ApiResponse> CallAsync(HttpMethod method, string path, IDictionary<string, string>? query, string? body, string? accessToken,
        long? timestamp = null, Func<string, string>? tamperSign = null, string? bodyAfterSigning = null)
    {
        var q = new Dictionary<string, string>(query ?? new Dictionary<string, string>())
        {
            ["app_key"] = query?.TryGetValue("app_key", out var key) == true ? key : AppKey,
            ["timestamp"] = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture),
        };
        var sign = TestSigner.Sign(AppSecret, path, q, body ?? "");
        q["sign"] = tamperSign?.Invoke(sign) ?? sign;
        var url = path + "?" + string.Join('&', q.Where(p => p.Value.Length > 0).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var request = new HttpRequestMessage(method, url);
        var sent = bodyAfterSigning ?? body;
        if (sent is not null)
        {
            request.Content = new StringContent(sent, Encoding.UTF8, "application/json");
        }

        if (accessToken is not null)
        {
            request.Headers.Add("x-tts-access-token", accessToken);
        }

        using var response = await Http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ShopInfo(string Id, string Cipher, string TimeZone, string Currency);

/// <summary>An admin answer: status, media type and JSON body.</summary>
public sealed record AdminResponse(HttpStatusCode Status, string? MediaType, JsonElement Body, string Raw)
{
    /// <summary>True for an RFC 9457 problem with <paramref name="status"/>.</summary>
    public bool IsProblem(int status) =>
        (int)Status == status && MediaType == "application/problem+json" && Body.ValueKind == JsonValueKind.Object
        && Body.TryGetProperty("status", out var s) && s.GetInt32() == status;
}

/// <summary>An authorized shop: calls carry its token and cipher.</summary>
public sealed record Session(SimulatorHost Host, ShopInfo Shop, string AccessToken, string RefreshToken)
{
    public Task<ApiResponse> PostAsync(string path, object body, IDictionary<string, string>? query = null) =>
        Host.CallAsync(HttpMethod.Post, path, WithCipher(query), JsonSerializer.Serialize(body), AccessToken);

    public Task<ApiResponse> GetAsync(string path, IDictionary<string, string>? query = null) =>
        Host.CallAsync(HttpMethod.Get, path, WithCipher(query), null, AccessToken);

    /// <summary>Every page of a search, following next_page_token.</summary>
    public async Task<List<JsonElement>> SearchAllAsync(string path, object body, string listName, int pageSize, IDictionary<string, string>? query = null)
    {
        var items = new List<JsonElement>();
        string? token = null;
        for (var page = 0; page < 10_000; page++)
        {
            var q = new Dictionary<string, string>(query ?? new Dictionary<string, string>()) { ["page_size"] = pageSize.ToString(CultureInfo.InvariantCulture) };
            if (token is not null)
            {
                q["page_token"] = token;
            }

            var response = await PostAsync(path, body, q);
            Assert.True(response.Code == 0, response.Raw);
            items.AddRange(response.Data.GetProperty(listName).EnumerateArray());
            token = response.Data.GetProperty("next_page_token").GetString();
            if (string.IsNullOrEmpty(token))
            {
                return items;
            }
        }

        throw new InvalidOperationException("pagination did not end");
    }

    private Dictionary<string, string> WithCipher(IDictionary<string, string>? query) =>
        new(query ?? new Dictionary<string, string>()) { ["shop_cipher"] = Shop.Cipher };
}

/// <summary>A parsed envelope.</summary>
public sealed record ApiResponse(HttpStatusCode Status, int Code, string Message, string RequestId, JsonElement Data, string Raw, string? RetryAfter)
{
    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStringAsync();
        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.First() : null;
        try
        {
            var root = JsonDocument.Parse(raw).RootElement.Clone();
            return new ApiResponse(response.StatusCode, root.GetProperty("code").GetInt32(), root.GetProperty("message").GetString()!,
                root.GetProperty("request_id").GetString()!, root.GetProperty("data"), raw, retryAfter);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new ApiResponse(response.StatusCode, -1, "", "", default, raw, retryAfter);
        }
    }
}
