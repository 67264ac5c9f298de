using System.Globalization;
using System.Text;

namespace OpenClaw.TikTokShop.Simulator.Chat;

/// <summary>
/// Each service's checks and answers, as its documentation gives them: WeCom (errcode 0; 93000 bad webhook URL, 40058
/// content over 4096 bytes, 40008 bad message type, 45009 rate limit), DingTalk (errcode 0; 300001 bad token, 310000
/// sign not match, 130101 rate limit), Feishu (code 0; 19021 bad sign or stale timestamp, 9499 bad body, 11232 rate
/// limit), Slack (200 <c>ok</c>; 400 <c>no_text</c>, 429 + Retry-After), OpenClaw's webhook (200; 401 bad signature or
/// timestamp, 400 without request id, 429 + Retry-After). Server errors answer 503.
/// </summary>
internal static class ChatAnswers
{
    public static ChatAnswer WeCom(HttpRequest request, byte[] body)
    {
        if (string.IsNullOrEmpty(request.Query["key"]))
        {
            return Rejected(Code("errcode", 93000, "errmsg", "invalid webhook url"));
        }

        var json = ChatJson.Parse(body);
        var type = ChatJson.Text(json, "msgtype");
        var content = ChatJson.Text(json, type ?? "", "content");
        if (type is not ("markdown" or "text") || content is null)
        {
            return Rejected(Code("errcode", 40008, "errmsg", "invalid message type"));
        }

        return Encoding.UTF8.GetByteCount(content) > 4096
            ? Rejected(Code("errcode", 40058, "errmsg", "markdown.content exceed max length 4096"))
            : Accepted(Code("errcode", 0, "errmsg", "ok"));
    }

    public static ChatAnswer DingTalk(HttpRequest request, byte[] body, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(request.Query["access_token"]))
        {
            return Rejected(Code("errcode", 300001, "errmsg", "token is not exist"));
        }

        if (!ChatSignatures.DingTalk(request.Query["timestamp"], request.Query["sign"], secret, now))
        {
            return Rejected(Code("errcode", 310000, "errmsg", "sign not match"));
        }

        var json = ChatJson.Parse(body);
        return ChatJson.Text(json, "msgtype") is null
            ? Rejected(Code("errcode", 40035, "errmsg", "missing msgtype"))
            : Accepted(Code("errcode", 0, "errmsg", "ok"));
    }

    public static ChatAnswer Feishu(byte[] body, string secret, DateTimeOffset now)
    {
        var json = ChatJson.Parse(body);
        if (json is null || ChatJson.Text(json, "msg_type") is null)
        {
            return Rejected(Code("code", 9499, "msg", "Bad Request"));
        }

        return ChatSignatures.Feishu(ChatJson.Text(json, "timestamp"), ChatJson.Text(json, "sign"), secret, now)
            ? Accepted(Code("code", 0, "msg", "success"))
            : Rejected(Code("code", 19021, "msg", "sign match fail or timestamp is not within one hour from current time"));
    }

    public static ChatAnswer Slack(HttpRequest request, byte[] body) =>
        ChatJson.Text(ChatJson.Parse(body), "text") is { Length: > 0 }
            ? Accepted(Results.Text("ok"))
            : Rejected(Results.Text("no_text", statusCode: StatusCodes.Status400BadRequest));

    public static ChatAnswer Webhook(HttpRequest request, byte[] body, ChatInbox inbox, string secret, DateTimeOffset now)
    {
        var requestId = request.Headers["X-OpenClaw-Request-Id"].ToString();
        if (!ChatSignatures.Webhook(request.Headers["X-OpenClaw-Timestamp"], request.Headers["X-OpenClaw-Signature"], body, secret, now))
        {
            return Rejected(Results.Text("invalid signature or timestamp", statusCode: StatusCodes.Status401Unauthorized));
        }

        if (requestId.Length is 0 or > 128)
        {
            return Rejected(Results.Text("missing X-OpenClaw-Request-Id", statusCode: StatusCodes.Status400BadRequest));
        }

        // Delivery is at-least-once: a request id already processed is acknowledged and dropped.
        return inbox.FirstTime(requestId)
            ? new ChatAnswer(ChatOutcome.Accepted, Results.Ok(new { received = true }), requestId)
            : new ChatAnswer(ChatOutcome.Duplicate, Results.Ok(new { received = true, duplicate = true }), requestId);
    }

    public static IResult Failure(ChatKind kind, string mode, int retryAfterSeconds, HttpResponse response)
    {
        if (mode == "server_error")
        {
            return Results.Text("service unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        switch (kind)
        {
            case ChatKind.WeCom:
                return Code("errcode", 45009, "errmsg", "api freq out of limit");
            case ChatKind.DingTalk:
                return Code("errcode", 130101, "errmsg", "send too fast, exceed 20 times per minute");
            case ChatKind.Feishu:
                return Code("code", 11232, "msg", "frequency limited");
            default:
                response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.Text(kind == ChatKind.Slack ? "rate_limited" : "too many requests", statusCode: StatusCodes.Status429TooManyRequests);
        }
    }

    private static ChatAnswer Accepted(IResult result) => new(ChatOutcome.Accepted, result);

    private static ChatAnswer Rejected(IResult result) => new(ChatOutcome.Rejected, result);

    // The services answer HTTP 200 with their code in the body, success or not.
    private static IResult Code(string codeName, int code, string messageName, string message) =>
        Results.Json(new Dictionary<string, object> { [codeName] = code, [messageName] = message });
}
