using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenClaw.TikTokShop.Transport;

/// <summary>Which host a request goes to.</summary>
internal enum ApiHost
{
    /// <summary>The Partner API: signed, common parameters, access token header.</summary>
    Api,

    /// <summary>The auth service: unsigned, credentials in the query.</summary>
    Auth,
}

/// <summary>One logical request before common parameters, timestamp and signature are added (they change per attempt).</summary>
internal sealed class ApiRequest
{
    public ApiRequest(HttpMethod method, string pathTemplate, string? path = null, ApiHost host = ApiHost.Api)
    {
        Method = method;
        PathTemplate = pathTemplate;
        Path = path ?? pathTemplate;
        Host = host;
    }

    public HttpMethod Method { get; }

    /// <summary>The path with placeholders (<c>{product_id}</c>): telemetry, circuit breaker and error key.</summary>
    public string PathTemplate { get; }

    /// <summary>The real path, signed and sent.</summary>
    public string Path { get; }

    public ApiHost Host { get; }

    public List<KeyValuePair<string, string>> Query { get; } = [];

    /// <summary>The body bytes: serialised once, signed and sent as the same bytes on every attempt.</summary>
    public byte[]? Body { get; private set; }

    /// <summary>Adds a query parameter; null or empty values are left out (as the signature leaves them out).</summary>
    public ApiRequest With(string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Query.Add(new(key, value));
        }

        return this;
    }

    /// <summary>Adds an integer query parameter.</summary>
    public ApiRequest With(string key, int value) =>
        With(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The query parameters every <c>…/search</c> call pages and sorts with.</summary>
    public ApiRequest WithPaging(int pageSize, string? pageToken, string? sortField, string? sortOrder) =>
        With("page_size", pageSize).With("page_token", pageToken).With("sort_field", sortField).With("sort_order", sortOrder);

    /// <summary>Serialises the body once.</summary>
    public ApiRequest WithBody<TBody>(TBody body, JsonTypeInfo<TBody> type)
    {
        Body = JsonSerializer.SerializeToUtf8Bytes(body, type);
        return this;
    }
}
