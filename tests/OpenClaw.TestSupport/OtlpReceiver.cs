using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenClaw.TestSupport;

/// <summary>
/// A small OTLP/HTTP endpoint (real Kestrel on loopback) that keeps every request it receives: the telemetry export
/// tests decode its spans, the fault suite's security sweep searches its raw bodies for credentials.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    /// <summary>Where an OTLP/HTTP exporter sends when no endpoint is configured (the OpenTelemetry default).</summary>
    public const string DefaultHttpEndpoint = "http://localhost:4318";

    private readonly WebApplication app;

    private OtlpReceiver(WebApplication app) => this.app = app;

    /// <summary>Every request received: path (<c>/v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>), content type and body.</summary>
    public ConcurrentQueue<(string Path, string ContentType, byte[] Body)> Requests { get; } = new();

    /// <summary>The base URL to give an exporter as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Endpoint => app.Urls.First();

    /// <summary>Starts on a free loopback port, or on <paramref name="url"/> when given.</summary>
    public static async Task<OtlpReceiver> StartAsync(string? url = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url ?? "http://127.0.0.1:" + FreePort.Next());
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            receiver.Requests.Enqueue(("/v1/" + signal, context.Request.ContentType ?? string.Empty, buffer.ToArray()));
            return Results.Ok();
        });
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException ex) when (url is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Cannot listen on {url} for the test ({ex.Message}); stop whatever uses that port.", ex);
        }

        return receiver;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
