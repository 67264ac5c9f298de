using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// WeCom (企业微信) group robot (https://developer.work.weixin.qq.com/document/path/91770): POST
/// <c>{"msgtype":"markdown","markdown":{"content":"…"}}</c> to the robot's webhook URL (its <c>key</c> query parameter is
/// the credential, so the URL is stored encrypted). Markdown content is at most 4096 bytes of UTF-8; each robot takes
/// at most 20 messages per minute; the answer is <c>{"errcode":0,"errmsg":"ok"}</c>, and errcode 45009 means the rate
/// limit was hit.
/// </summary>
public sealed class WeComRobotSender(IHttpClientFactory clients) : INotificationChannelSender
{
    /// <summary>WeCom's "api freq out of limit" error code.</summary>
    public const long RateLimitedCode = 45009;

    /// <inheritdoc />
    public NotificationChannelKind Kind => NotificationChannelKind.WeCom;

    /// <inheritdoc />
    public ChannelLimits Limits { get; } = new([new ChannelRate(TimeSpan.FromMinutes(1), 20)], 4000, 100);

    /// <inheritdoc />
    public async Task<ChannelSendResult> SendAsync(NotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["content"] = AlertMessageFormats.Markdown(message.Title, message.Sections, fontColours: true) },
        };
        var (response, error) = await ChatWebhookPost.PostAsync(clients.CreateClient(ChatWebhookPost.HttpClientName), channel.Url!,
            body.ToJsonString(ChatWebhookPost.JsonOptions), null, cancellationToken).ConfigureAwait(false);
        if (ChatWebhookPost.Common(response, error) is { } common)
        {
            return common;
        }

        return ChatWebhookPost.Code(response!, "errcode") switch
        {
            0 => ChannelSendResult.Delivered,
            RateLimitedCode => new ChannelSendResult(ChannelSendOutcome.RateLimited, "WeCom 45009", TimeSpan.FromMinutes(1)),
            { } code => new ChannelSendResult(ChannelSendOutcome.Failed, $"WeCom errcode {code}"),
            null => new ChannelSendResult(ChannelSendOutcome.Failed, "WeCom answered without errcode"),
        };
    }
}
