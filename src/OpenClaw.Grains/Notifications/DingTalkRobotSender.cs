using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// DingTalk (钉钉) custom robot with signing (https://open.dingtalk.com/document/orgapp/customize-robot-security-settings):
/// the string to sign is <c>timestamp + "\n" + secret</c> (timestamp in Unix milliseconds, within one hour of DingTalk's
/// clock), signed with HMAC-SHA256 keyed by the secret, Base64-encoded, then URL-encoded and appended as
/// <c>&amp;timestamp=…&amp;sign=…</c>. Body: <c>{"msgtype":"markdown","markdown":{"title":"…","text":"…"}}</c>.
/// Each robot takes 20 messages per minute; past that it answers errcode 130101 and throttles for 10 minutes.
/// </summary>
public sealed class DingTalkRobotSender(IHttpClientFactory clients, TimeProvider time) : INotificationChannelSender
{
    /// <summary>DingTalk's "send too fast, exceed 20 times per minute" error code.</summary>
    public const long RateLimitedCode = 130101;

    /// <inheritdoc />
    public NotificationChannelKind Kind => NotificationChannelKind.DingTalk;

    /// <inheritdoc />
    public ChannelLimits Limits { get; } = new([new ChannelRate(TimeSpan.FromMinutes(1), 20)], 18000, 100);

    /// <summary>The <c>sign</c> value before URL encoding: Base64(HMAC-SHA256(key: secret, data: timestamp + "\n" + secret)).</summary>
    public static string Sign(long timestampMs, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var data = Encoding.UTF8.GetBytes(timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    /// <inheritdoc />
    public async Task<ChannelSendResult> SendAsync(NotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        var url = channel.Url!;
        if (!string.IsNullOrEmpty(channel.Secret))
        {
            var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
            var separator = string.IsNullOrEmpty(url.Query) ? "?" : "&";
            url = new Uri(url.AbsoluteUri + separator + "timestamp=" + timestamp.ToString(CultureInfo.InvariantCulture)
                + "&sign=" + Uri.EscapeDataString(Sign(timestamp, channel.Secret)));
        }

        var body = new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["title"] = message.Title, ["text"] = AlertMessageFormats.Markdown(message.Title, message.Sections, fontColours: false) },
        };
        var (response, error) = await ChatWebhookPost.PostAsync(clients.CreateClient(ChatWebhookPost.HttpClientName), url, body.ToJsonString(ChatWebhookPost.JsonOptions), null,
            cancellationToken).ConfigureAwait(false);
        if (ChatWebhookPost.Common(response, error) is { } common)
        {
            return common;
        }

        return ChatWebhookPost.Code(response!, "errcode") switch
        {
            0 => ChannelSendResult.Delivered,
            RateLimitedCode => new ChannelSendResult(ChannelSendOutcome.RateLimited, "DingTalk 130101", TimeSpan.FromMinutes(10)),
            { } code => new ChannelSendResult(ChannelSendOutcome.Failed, $"DingTalk errcode {code}"),
            null => new ChannelSendResult(ChannelSendOutcome.Failed, "DingTalk answered without errcode"),
        };
    }
}
