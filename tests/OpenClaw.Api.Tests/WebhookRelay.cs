using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>
/// Stands between the simulator's webhook sender and the API's ingress, forwarding the exact bytes and signature. For
/// shops marked with <see cref="Redeliver"/> it makes TikTok's worst case happen: the first delivery of a notification
/// is forwarded twice and then answered 503, so the simulator retries it too (three copies reach the API).
/// </summary>
public sealed class WebhookRelay(string apiUrl)
{
    private readonly ConcurrentDictionary<string, byte> redeliver = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> answers = new(StringComparer.Ordinal);
    private readonly HttpClient api = new() { BaseAddress = new Uri(apiUrl) };

    /// <summary>The relay's URL (the simulator's <c>WebhookUrl</c>).</summary>
    public string Url { get; } = $"http://127.0.0.1:{FreePort.Next()}/relay";

    /// <summary>Makes every notification of <paramref name="shopId"/> reach the API three times.</summary>
    public void Redeliver(string shopId) => redeliver[shopId] = 1;

    /// <summary>The API's status for each copy of a notification forwarded so far.</summary>
    public IReadOnlyList<int> ApiAnswers(string notificationId) => answers.TryGetValue(notificationId, out var q) ? [.. q] : [];

    /// <summary>Builds the relay's web application (started by the fixture).</summary>
    public WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", new Uri(Url).GetLeftPart(UriPartial.Authority)]);
        var app = builder.Build();
        app.MapPost("/relay", RelayAsync);
        return app;
    }

    private async Task<IResult> RelayAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var envelope = JsonDocument.Parse(body).RootElement;
        var id = envelope.GetProperty("tts_notification_id").GetString()!;
        var shopId = envelope.GetProperty("shop_id").GetString()!;
        var copies = answers.GetOrAdd(id, _ => new ConcurrentQueue<int>());
        var firstSeen = copies.IsEmpty;
        var status = await ForwardAsync(body, request.Headers.Authorization.ToString(), copies);
        if (firstSeen && redeliver.ContainsKey(shopId))
        {
            await ForwardAsync(body, request.Headers.Authorization.ToString(), copies);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.StatusCode(status);
    }

    private async Task<int> ForwardAsync(byte[] body, string signature, ConcurrentQueue<int> copies)
    {
        using var forward = new HttpRequestMessage(HttpMethod.Post, "/webhooks/tiktok") { Content = new ByteArrayContent(body) };
        forward.Content.Headers.ContentType = new("application/json");
        forward.Headers.TryAddWithoutValidation("Authorization", signature);
        using var response = await api.SendAsync(forward);
        copies.Enqueue((int)response.StatusCode);
        return (int)response.StatusCode;
    }
}
