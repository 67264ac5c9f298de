using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenClaw.TestSupport;

namespace OpenClaw.Bench.Alerts;

/// <summary>
/// Between the simulator's webhook sender and the API's <c>POST /webhooks/tiktok</c>: notes when the first webhook
/// naming a product arrived (the moment the API receives it, less the loopback hop) and forwards the exact bytes and
/// signature, answering with the API's status (502 while the API cannot be reached).
/// </summary>
internal sealed class WebhookClock(string apiUrl)
{
    private readonly HttpClient _api = new() { BaseAddress = new Uri(apiUrl) };

    /// <summary>The relay's URL (the simulator's <c>WebhookUrl</c>).</summary>
    public string Url { get; } = $"http://127.0.0.1:{FreePort.Next()}/relay";

    /// <summary>First arrival (UTC) per (shop id, product id).</summary>
    public ConcurrentDictionary<(string Shop, string Product), DateTimeOffset> Received { get; } = new();

    /// <summary>Webhooks relayed so far, of every type (the load's order and package events included).</summary>
    public long Relayed => Interlocked.Read(ref _relayed);

    private long _relayed;

    public WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", new Uri(Url).GetLeftPart(UriPartial.Authority), "--Logging:LogLevel:Default=Warning"]);
        var app = builder.Build();
        app.MapPost("/relay", RelayAsync);
        return app;
    }

    private async Task<IResult> RelayAsync(HttpRequest request)
    {
        var at = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _relayed);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var envelope = JsonDocument.Parse(body).RootElement;
        if (envelope.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("product_id", out var product))
        {
            Received.TryAdd((envelope.GetProperty("shop_id").GetString()!, product.GetString()!), at);
        }

        using var forward = new HttpRequestMessage(HttpMethod.Post, "/webhooks/tiktok") { Content = new ByteArrayContent(body) };
        forward.Content.Headers.ContentType = new("application/json");
        forward.Headers.TryAddWithoutValidation("Authorization", request.Headers.Authorization.ToString());
        try
        {
            using var response = await _api.SendAsync(forward);
            return Results.StatusCode((int)response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The API not listening yet (the simulator's shops send webhooks from its start): TikTok retries a 502.
            return Results.StatusCode(StatusCodes.Status502BadGateway);
        }
    }
}
