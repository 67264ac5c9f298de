using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenClaw.Dashboard.Authentication;

namespace OpenClaw.Dashboard.Api;

/// <summary>
/// The typed <see cref="HttpClient"/> of the agency API. Each request carries the signed-in tenant's key as
/// <c>Authorization: Bearer</c> (set per request: the client is shared by every circuit). A 401 ends the session.
/// </summary>
public sealed partial class OpenClawApiClient(HttpClient http, SignedInApiKey keys, SessionExpiry expiry, ILogger<OpenClawApiClient> logger) : IOpenClawApi
{
    /// <summary>The API's JSON: snake_case names and enum values; unknown fields ignored so newer APIs still parse.</summary>
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new NumberOrStringConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }

    private Task<ApiResult<T>> GetAsync<T>(string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, pathAndQuery, body: null, ReadJsonAsync<T>, cancellationToken);

    private Task<ApiResult<bool>> SendAsync(HttpMethod method, string pathAndQuery, object? body, CancellationToken cancellationToken,
        Action<HttpRequestMessage>? configure = null) =>
        SendAsync(method, pathAndQuery, body, static (_, _) => Task.FromResult(true), cancellationToken, configure);

    private async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string pathAndQuery, object? body, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null, string? key = null)
    {
        key ??= await keys.GetAsync().ConfigureAwait(false);
        if (key is null)
        {
            await expiry.ExpireAsync().ConfigureAwait(false);
            return ApiResults.Fail<T>(ApiOutcome.Unauthorized);
        }

        using var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        configure?.Invoke(request);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return ApiResults.Success<T>(await read(response, cancellationToken).ConfigureAwait(false));
            }

            var outcome = OutcomeOf(response.StatusCode);
            if (outcome == ApiOutcome.Unauthorized)
            {
                await expiry.ExpireAsync().ConfigureAwait(false);
            }

            return ApiResults.Fail<T>(outcome, await ProblemTextAsync(response, cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(method.Method, PathOnly(pathAndQuery), ex.Message);
            return ApiResults.Fail<T>(ApiOutcome.Unavailable);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(method.Method, PathOnly(pathAndQuery), "timeout");
            return ApiResults.Fail<T>(ApiOutcome.Unavailable);
        }
        catch (JsonException ex)
        {
            // A shape this dashboard does not know: that part of the page says so instead of failing.
            LogUnreadable(method.Method, PathOnly(pathAndQuery), ex.Message);
            return ApiResults.Fail<T>(ApiOutcome.Failed, ex.Message);
        }
    }

    /// <summary>How a status code reads for the pages.</summary>
    public static ApiOutcome OutcomeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => ApiOutcome.NotFound,
        HttpStatusCode.Unauthorized => ApiOutcome.Unauthorized,
        HttpStatusCode.Forbidden => ApiOutcome.Forbidden,
        HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => ApiOutcome.Unavailable,
        _ => ApiOutcome.Failed,
    };

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("empty body");

    /// <summary>Reads a list that the API may send bare or inside <c>items</c>/<c>groups</c>/<c>data</c>.</summary>
    private static async Task<IReadOnlyList<T>> ReadListAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var root = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken).ConfigureAwait(false);
        return ListOf<T>(root, out _);
    }

    private static List<T> ListOf<T>(JsonElement root, out string? nextCursor)
    {
        nextCursor = null;
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("next_cursor", out var cursor) && cursor.ValueKind == JsonValueKind.String)
            {
                nextCursor = cursor.GetString();
            }

            foreach (var name in (string[])["items", "groups", "data", "alerts", "rules", "channels", "errors"])
            {
                if (root.TryGetProperty(name, out var inner) && inner.ValueKind == JsonValueKind.Array)
                {
                    root = inner;
                    break;
                }
            }
        }

        return root.ValueKind == JsonValueKind.Array ? root.Deserialize<List<T>>(Json) ?? [] : throw new JsonException("expected a list");
    }

    private static async Task<string?> ProblemTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken).ConfigureAwait(false);
            if (problem.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var text = problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString()
                : problem.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : null;
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                text += " " + string.Join("; ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())));
            }

            return text?.Trim();
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string PathOnly(string pathAndQuery) => pathAndQuery.Split('?', 2)[0];

    [LoggerMessage(Level = LogLevel.Warning, Message = "API {Method} {Path} unreachable: {Reason}")]
    private partial void LogUnreachable(string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API {Method} {Path} answered a body the dashboard cannot read: {Reason}")]
    private partial void LogUnreadable(string method, string path, string reason);
}
