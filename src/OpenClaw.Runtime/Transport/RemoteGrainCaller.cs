using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OpenClaw.Runtime.Invocation;
using OpenClaw.Runtime.State;
using OpenClaw.Runtime.Telemetry;

namespace OpenClaw.Runtime.Transport;

/// <summary>Sends grain calls to other silos over HTTP/2 with prior knowledge (h2c), carrying W3C trace context.</summary>
internal sealed class RemoteGrainCaller : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient http;

    public RemoteGrainCaller(TimeSpan responseTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            // The runtime writes traceparent itself (below), from its own client span.
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        };
        http = new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = responseTimeout,
        };
    }

    public async Task<T> CallAsync<T>(Uri silo, GrainReference reference, GrainMethod<T> method, object?[] args)
    {
        RuntimeTelemetry.RemoteCalls.Add(1);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo, GrainCallWire.Path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrainCallWire.WriteRequest(reference, method, args)) { Headers = { ContentType = Json } },
        };
        if (Activity.Current is { } current)
        {
            request.Headers.TryAddWithoutValidation("traceparent", current.Id);
            if (current.TraceStateString is { Length: > 0 } traceState)
            {
                request.Headers.TryAddWithoutValidation("tracestate", traceState);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new GrainCallNotDeliveredException("The owning silo could not be reached.", ex);
        }
        catch (HttpRequestException ex)
        {
            // The request may have reached the grain: not retried (calls are at most once).
            throw new GrainCallException("The silo failed before answering; the call may or may not have run.", ex);
        }
        catch (TaskCanceledException ex)
        {
            throw new TimeoutException("The silo did not answer within the response timeout; the call may or may not have run.", ex);
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return (await JsonSerializer.DeserializeAsync<T>(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), GrainStateSerializer.Options).ConfigureAwait(false))!;
                case HttpStatusCode.NoContent:
                    return default!;
                case HttpStatusCode.MisdirectedRequest or HttpStatusCode.ServiceUnavailable:
                    throw new GrainCallNotDeliveredException("The silo does not own the grain's shard.");
                default:
                    var error = await response.Content.ReadFromJsonErrorAsync().ConfigureAwait(false);
                    throw GrainCallWire.ReadError(error.Type, error.Message);
            }
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Reads the error body of a failed grain call.</summary>
internal static class GrainCallErrorReader
{
    public static async Task<(string? Type, string? Message)> ReadFromJsonErrorAsync(this HttpContent content)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await content.ReadAsStreamAsync().ConfigureAwait(false)).ConfigureAwait(false);
            var root = document.RootElement;
            return (root.TryGetProperty("type", out var t) ? t.GetString() : null, root.TryGetProperty("message", out var m) ? m.GetString() : null);
        }
        catch (JsonException)
        {
            return (null, "The silo answered with an unreadable error.");
        }
    }
}
