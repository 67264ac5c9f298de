using System.Globalization;
using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Auth;
using OpenClaw.TikTokShop.Simulator.Data;

namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>A verified API request as handlers see it: the caller's shop, the query, the parsed body and the simulated time.</summary>
public sealed class ApiCall
{
    private readonly JsonElement _body;

    /// <summary>Creates the call.</summary>
    public ApiCall(HttpContext http, Grant grant, Shop shop, IReadOnlyDictionary<string, string> routeValues, JsonElement body, long now, string? pageFault)
    {
        Http = http;
        Grant = grant;
        Shop = shop;
        RouteValues = routeValues;
        _body = body;
        Now = now;
        PageFault = pageFault;
    }

    /// <summary>The HTTP exchange.</summary>
    public HttpContext Http { get; }

    /// <summary>The authorization behind the access token.</summary>
    public Grant Grant { get; }

    /// <summary>The shop the call is for (from shop_cipher, or the token's shop on account-level paths).</summary>
    public Shop Shop { get; }

    /// <summary>Captured path segments such as <c>{id}</c>.</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; }

    /// <summary>Simulated time of the request, Unix seconds.</summary>
    public long Now { get; }

    /// <summary><c>duplicate_page</c> or <c>out_of_order_page</c> when a paging fault applies.</summary>
    public string? PageFault { get; }

    /// <summary>A query parameter or null.</summary>
    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;

    /// <summary>An integer query parameter within a range; <paramref name="errorCode"/> when missing or out of range.</summary>
    public int QueryInt(string name, int min, int max, int? fallback = null, int errorCode = ErrorCodes.InvalidRequest)
    {
        var raw = Query(name);
        if (raw is null && fallback is { } f)
        {
            return f;
        }

        if (raw is null || !int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ApiException(ApiError.Of(errorCode, $"invalid {name}: must be an integer from {min} to {max}"));
        }

        return value;
    }

    /// <summary>A reader over the JSON body; type errors answer <paramref name="errorCode"/>.</summary>
    public BodyReader Body(int errorCode = ErrorCodes.InvalidRequest) => new(_body, errorCode);
}
