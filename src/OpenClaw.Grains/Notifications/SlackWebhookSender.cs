using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// Slack incoming webhook (https://api.slack.com/messaging/webhooks): POST <c>{"text":"…"}</c> in <c>mrkdwn</c> to the
/// webhook URL (itself the credential, stored encrypted). Slack answers <c>200 ok</c>; posting is limited to about one
/// message per second (https://api.slack.com/apis/rate-limits), above which it answers 429 with Retry-After.
/// </summary>
public sealed class SlackWebhookSender(IHttpClientFactory clients) : INotificationChannelSender
{
    /// <inheritdoc />
    public NotificationChannelKind Kind => NotificationChannelKind.Slack;

    /// <inheritdoc />
    public ChannelLimits Limits { get; } = new([new ChannelRate(TimeSpan.FromSeconds(1), 1)], 35000, 100);

    /// <inheritdoc />
    public async Task<ChannelSendResult> SendAsync(NotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonObject { ["text"] = AlertMessageFormats.SlackMrkdwn(message.Title, message.Sections), ["mrkdwn"] = true };
        var (response, error) = await ChatWebhookPost.PostAsync(clients.CreateClient(ChatWebhookPost.HttpClientName), channel.Url!, body.ToJsonString(ChatWebhookPost.JsonOptions),
            null, cancellationToken).ConfigureAwait(false);
        return ChatWebhookPost.Common(response, error) ?? ChannelSendResult.Delivered;
    }
}
