using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Notifications;

/// <summary>What a receiver saw: path and query as sent, headers, raw body, and the fake-clock time it arrived.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At);

/// <summary>A real Kestrel endpoint on a free loopback port that records every request and answers from a script.</summary>
internal sealed class ChatReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatReceiver(WebApplication app, int port)
    {
        _app = app;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Answer to each request (status, JSON or text body, optional Retry-After seconds); 200 "ok" by default.</summary>
    public Func<ReceivedRequest, (int Status, string Body, int? RetryAfter)> Answer { get; set; } = _ => (200, "{\"errcode\":0,\"errmsg\":\"ok\",\"code\":0}", null);

    public static async Task<ChatReceiver> StartAsync(TimeProvider clock)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new ChatReceiver(app, port);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, clock.GetUtcNow());
            receiver.Requests.Enqueue(request);
            var (status, answer, retryAfter) = receiver.Answer(request);
            context.Response.StatusCode = status;
            if (retryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = answer.StartsWith('{') ? "application/json" : "text/plain";
            await context.Response.WriteAsync(answer, context.RequestAborted);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
