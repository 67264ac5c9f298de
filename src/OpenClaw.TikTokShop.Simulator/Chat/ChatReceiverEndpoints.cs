using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Simulator.Admin;

namespace OpenClaw.TikTokShop.Simulator.Chat;

/// <summary>
/// Local stand-ins for the chat services OpenClaw notifies (docs/simulator.md "Chat receivers"): each checks what the
/// real service checks (key or token present, signature and timestamp, message size), records accepted messages, and
/// answers with the service's own success or error body — including, on demand, its rate-limit answer. All under
/// <c>/_sim</c>, so TikTok fault rules never touch them.
/// </summary>
public static class ChatReceiverEndpoints
{
    /// <summary>Largest body read (1 MB); larger requests are answered 413.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>Registers the inbox and the receivers' settings.</summary>
    public static IServiceCollection AddChatReceivers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatReceiverOptions>().Bind(configuration.GetSection(ChatReceiverOptions.SectionName));
        services.AddSingleton<ChatInbox>();
        services.AddSingleton<ChatSmtpSink>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatSmtpSink>());
        return services;
    }

    /// <summary>Maps the receivers and their admin endpoints.</summary>
    public static IEndpointRouteBuilder MapChatReceivers(this IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/_sim/chat");
        chat.MapPost("/wecom/cgi-bin/webhook/send", (HttpContext http, ChatInbox inbox) => ReceiveAsync(http, inbox, ChatKind.WeCom, ChatAnswers.WeCom));
        chat.MapPost("/dingtalk/robot/send", (HttpContext http, ChatInbox inbox, IOptions<ChatReceiverOptions> options, TimeProvider time) =>
            ReceiveAsync(http, inbox, ChatKind.DingTalk, (request, body) => ChatAnswers.DingTalk(request, body, options.Value.Secret, time.GetUtcNow())));
        chat.MapPost("/feishu/open-apis/bot/v2/hook/{token}", (HttpContext http, ChatInbox inbox, IOptions<ChatReceiverOptions> options, TimeProvider time) =>
            ReceiveAsync(http, inbox, ChatKind.Feishu, (_, body) => ChatAnswers.Feishu(body, options.Value.Secret, time.GetUtcNow())));
        chat.MapPost("/slack/services/{*path}", (HttpContext http, ChatInbox inbox) => ReceiveAsync(http, inbox, ChatKind.Slack, ChatAnswers.Slack));
        chat.MapPost("/webhook/receive", (HttpContext http, ChatInbox inbox, IOptions<ChatReceiverOptions> options, TimeProvider time) =>
            ReceiveAsync(http, inbox, ChatKind.Webhook, (request, body) => ChatAnswers.Webhook(request, body, inbox, options.Value.Secret, time.GetUtcNow())));

        chat.MapGet("/email/smtp", (ChatSmtpSink smtp) =>
            smtp.EndPoint is { } endPoint ? AdminBodies.Json(new SmtpEndpoint(endPoint.Address.ToString(), endPoint.Port)) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        chat.MapGet("/{kind}/messages", (string kind, ChatInbox inbox) =>
            Parse(kind) is { } k ? AdminBodies.Json(inbox.View(k)) : UnknownKind());
        chat.MapDelete("/{kind}/messages", (string kind, ChatInbox inbox) =>
        {
            if (Parse(kind) is not { } k)
            {
                return UnknownKind();
            }

            inbox.Clear(k);
            return Results.NoContent();
        });
        chat.MapPost("/{kind}/fail", async (string kind, HttpContext http, ChatInbox inbox) =>
        {
            var (body, problem) = await AdminBodies.ReadAsync<FailRequest>(http).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            if (Parse(kind) is not { } k)
            {
                return UnknownKind();
            }

            if (body!.Mode is not ("rate_limit" or "server_error") || body.Count is not (>= 0 and <= 10_000) || body.RetryAfterSeconds is < 0 or > 3600)
            {
                return AdminBodies.Bad("mode must be rate_limit or server_error, count 0–10000, retry_after_seconds 0–3600");
            }

            inbox.Fail(k, body.Mode, body.Count.Value, body.RetryAfterSeconds ?? 1);
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, ChatInbox inbox, ChatKind kind, Func<HttpRequest, byte[], ChatAnswer> check)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // An injected failure answers before any check, as the service's front door would.
        if (inbox.TakeFailure(kind) is { } failure)
        {
            return ChatAnswers.Failure(kind, failure.Mode, failure.RetryAfterSeconds, http.Response);
        }

        var body = buffer.ToArray();
        var answer = check(http.Request, body);
        switch (answer.Outcome)
        {
            case ChatOutcome.Accepted:
                inbox.Record(kind, answer.RequestId, Encoding.UTF8.GetString(body), DateTimeOffset.UtcNow);
                break;
            case ChatOutcome.Rejected:
                inbox.Reject(kind);
                break;
            case ChatOutcome.Duplicate:
                inbox.Duplicate();
                break;
        }

        return answer.Result;
    }

    private static ChatKind? Parse(string kind) =>
        Enum.GetValues<ChatKind>().Where(k => k.ToString().Equals(kind, StringComparison.OrdinalIgnoreCase)).Select(k => (ChatKind?)k).FirstOrDefault();

    private static IResult UnknownKind() =>
        Results.Problem("kind must be one of wecom, dingtalk, feishu, slack, webhook, email", statusCode: StatusCodes.Status404NotFound);

    private sealed record FailRequest(string? Mode, int? Count, int? RetryAfterSeconds);

    private sealed record SmtpEndpoint(string Host, int Port);
}

/// <summary>What a receiver did with a request.</summary>
public enum ChatOutcome
{
    /// <summary>Recorded.</summary>
    Accepted,

    /// <summary>Refused (bad token, signature, timestamp or body).</summary>
    Rejected,

    /// <summary>A signed-webhook request id already processed: answered 200, not recorded again.</summary>
    Duplicate,
}

/// <summary>A receiver's answer and what to record.</summary>
/// <param name="Outcome">Accepted, rejected or duplicate.</param>
/// <param name="Result">The HTTP answer.</param>
/// <param name="RequestId">The signed webhook's request id, when there is one.</param>
public sealed record ChatAnswer(ChatOutcome Outcome, IResult Result, string? RequestId = null);

/// <summary>Reads a JSON body without throwing.</summary>
internal static class ChatJson
{
    public static JsonElement? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Text(JsonElement? element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current is not { ValueKind: JsonValueKind.Object } obj || !obj.TryGetProperty(name, out var next))
            {
                return null;
            }

            current = next;
        }

        return current is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
    }
}
