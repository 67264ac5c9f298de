using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenClaw.Api.Model;
using OpenClaw.Api.Webhooks;
using OpenClaw.TikTokShop.Configuration;

namespace OpenClaw.Api.Apis;

/// <summary>
/// <c>POST /webhooks/tiktok</c>: TikTok's webhook ingress (contract §6), outside <c>/api/v1</c>, without an API key but
/// signed. It verifies, parses, deduplicates and queues, then answers 200 with an empty body (TikTok wants it within
/// 3 s); <see cref="WebhookDispatcher"/> hands the event to the shop grain afterwards.
/// </summary>
public static partial class WebhooksApi
{
    /// <summary>The ingress path (configure it in TikTok Partner Center, or as the simulator's <c>WebhookUrl</c>).</summary>
    public const string Path = "/webhooks/tiktok";

    /// <summary>Maps the ingress.</summary>
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).WithTags("Webhooks").AllowAnonymous().DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// 200 (empty) when queued, already seen or of a type OpenClaw ignores; 401 problem for a missing or wrong signature;
    /// 400 problem for a body that is not a webhook; 413 problem above <see cref="WebhookOptions.MaxBodyBytes"/>.
    /// </summary>
    public static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, WebhookInbox inbox, WebhookMetrics metrics, IOptions<TikTokShopOptions> app, IOptions<WebhookOptions> options,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(metrics);
        var logger = loggers.CreateLogger(typeof(WebhooksApi).FullName!);
        // The raw bytes: the signature covers them exactly.
        var body = request.ContentLength > options.Value.MaxBodyBytes ? null : await BodyReader.ReadAsync(request.Body, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            metrics.Count(WebhookMetrics.Malformed);
            return TypedResults.Problem(title: "Payload too large", statusCode: StatusCodes.Status413PayloadTooLarge,
                detail: $"A webhook body is at most {options.Value.MaxBodyBytes} bytes.");
        }

        if (!WebhookSignature.IsValid(app.Value.AppKey, app.Value.AppSecret, body, request.Headers.Authorization.ToString()))
        {
            metrics.Count(WebhookMetrics.BadSignature);
            LogBadSignature(logger, body.Length);
            return TypedResults.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized,
                detail: "The Authorization header is not the HMAC-SHA256 of app key + body with this app's secret.");
        }

        var webhook = TikTokWebhook.Parse(body, out var error);
        if (webhook is null)
        {
            metrics.Count(WebhookMetrics.Malformed);
            return ApiProblems.BadRequest("Not a TikTok webhook: " + error, "webhook_invalid");
        }

        if (webhook.Actions.Count == 0)
        {
            metrics.Count(WebhookMetrics.Ignored, webhook.Type);
            LogIgnored(logger, webhook.Type, webhook.NotificationId);
            return TypedResults.Ok();
        }

        var first = await inbox.AcceptAsync(webhook);
        metrics.Count(first ? WebhookMetrics.Accepted : WebhookMetrics.Duplicate, webhook.Type);
        return TypedResults.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused: bad signature ({Length} bytes)")]
    private static partial void LogBadSignature(ILogger logger, int length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook type {Type} ({NotificationId}) ignored")]
    private static partial void LogIgnored(ILogger logger, int type, string notificationId);
}
