using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Notifications;

/// <summary>The answer of a chat webhook: HTTP status, the JSON body (when it is JSON) and Retry-After.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Body">Response text (short; never logged with the request URL).</param>
/// <param name="Json">Parsed body, or null.</param>
/// <param name="RetryAfter">Retry-After header as a delay.</param>
public sealed record ChatWebhookResponse(HttpStatusCode Status, string Body, JsonNode? Json, TimeSpan? RetryAfter);

/// <summary>Posts JSON to a webhook through the guarded notifications <see cref="HttpClient"/>, turning transport errors into results.</summary>
public static class ChatWebhookPost
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client every HTTP channel uses.</summary>
    public const string HttpClientName = "OpenClaw.Notifications";

    /// <summary>JSON writing for request bodies: CJK and other non-ASCII text stays literal UTF-8 (smaller than \u escapes; still valid JSON).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Posts <paramref name="body"/> (UTF-8 JSON) with optional extra headers; null response on a transport failure, with the reason as the error.</summary>
    public static async Task<(ChatWebhookResponse? Response, string? Error)> PostAsync(HttpClient client, Uri url, string body,
        IEnumerable<KeyValuePair<string, string>>? headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonNode? json = null;
            try
            {
                json = text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text) : null;
            }
            catch (JsonException)
            {
                // not JSON: callers go by the status
            }

            return (new ChatWebhookResponse(response.StatusCode, text.Length > 300 ? text[..300] : text, json, RetryAfter(response)), null);
        }
        catch (HttpRequestException ex)
        {
            return (null, "transport: " + ex.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
    }

    /// <summary>Maps the common cases: transport failure, 429 (rate limited), other non-2xx (failed); null when the body decides.</summary>
    public static ChannelSendResult? Common(ChatWebhookResponse? response, string? error)
    {
        if (response is null)
        {
            return new ChannelSendResult(ChannelSendOutcome.Failed, error);
        }

        if (response.Status == HttpStatusCode.TooManyRequests)
        {
            return new ChannelSendResult(ChannelSendOutcome.RateLimited, "HTTP 429", response.RetryAfter);
        }

        return (int)response.Status is < 200 or > 299
            ? new ChannelSendResult(ChannelSendOutcome.Failed, "HTTP " + ((int)response.Status).ToString(CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>An integer field of the JSON body (e.g. <c>errcode</c>, <c>code</c>), or null.</summary>
    public static long? Code(ChatWebhookResponse response, string field)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Json?[field] is JsonValue v && v.TryGetValue<long>(out var code) ? code : null;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };
}
