using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// Feishu/Lark (飞书) custom bot with signature verification (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot):
/// the key is <c>timestamp + "\n" + secret</c> (timestamp in Unix seconds, within one hour), HMAC-SHA256 over an
/// empty message, Base64; <c>timestamp</c> and <c>sign</c> go in the JSON body beside a rich-text <c>post</c> message.
/// Limits: 5 requests per second and 100 per minute per bot; the answer is <c>{"code":0,…}</c>, code 11232 means
/// rate-limited, 19021 a bad signature or stale timestamp.
/// </summary>
public sealed class FeishuBotSender(IHttpClientFactory clients, TimeProvider time) : INotificationChannelSender
{
    /// <summary>Feishu's "frequency limited" code.</summary>
    public const long RateLimitedCode = 11232;

    /// <inheritdoc />
    public NotificationChannelKind Kind => NotificationChannelKind.Feishu;

    /// <inheritdoc />
    public ChannelLimits Limits { get; } = new([new ChannelRate(TimeSpan.FromSeconds(1), 5), new ChannelRate(TimeSpan.FromMinutes(1), 100)], 18000, 100);

    /// <summary>The <c>sign</c> value: Base64(HMAC-SHA256(key: timestamp + "\n" + secret, data: empty)).</summary>
    public static string Sign(long timestampSeconds, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Encoding.UTF8.GetBytes(timestampSeconds.ToString(CultureInfo.InvariantCulture) + "\n" + secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Array.Empty<byte>()));
    }

    /// <inheritdoc />
    public async Task<ChannelSendResult> SendAsync(NotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        var paragraphs = new JsonArray();
        foreach (var section in message.Sections)
        {
            paragraphs.Add(new JsonArray(new JsonObject { ["tag"] = "text", ["text"] = section.Title }));
            foreach (var (label, value) in section.Lines)
            {
                paragraphs.Add(new JsonArray(new JsonObject { ["tag"] = "text", ["text"] = $"{label}: {value}" }));
            }

            paragraphs.Add(new JsonArray(new JsonObject { ["tag"] = "a", ["text"] = section.LinkText, ["href"] = section.Link.AbsoluteUri }));
        }

        var locale = channel.Language == NotificationLanguage.SimplifiedChinese ? "zh_cn" : "en_us";
        var body = new JsonObject();
        if (!string.IsNullOrEmpty(channel.Secret))
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            body["timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture);
            body["sign"] = Sign(timestamp, channel.Secret);
        }

        body["msg_type"] = "post";
        body["content"] = new JsonObject { ["post"] = new JsonObject { [locale] = new JsonObject { ["title"] = message.Title, ["content"] = paragraphs } } };
        var (response, error) = await ChatWebhookPost.PostAsync(clients.CreateClient(ChatWebhookPost.HttpClientName), channel.Url!, body.ToJsonString(ChatWebhookPost.JsonOptions),
            null, cancellationToken).ConfigureAwait(false);
        if (ChatWebhookPost.Common(response, error) is { } common)
        {
            return common;
        }

        // Older bots answer {"StatusCode":0,...}; current ones {"code":0,...}.
        return (ChatWebhookPost.Code(response!, "code") ?? ChatWebhookPost.Code(response!, "StatusCode")) switch
        {
            0 => ChannelSendResult.Delivered,
            RateLimitedCode => new ChannelSendResult(ChannelSendOutcome.RateLimited, "Feishu 11232", TimeSpan.FromSeconds(10)),
            { } code => new ChannelSendResult(ChannelSendOutcome.Failed, $"Feishu code {code}"),
            null => new ChannelSendResult(ChannelSendOutcome.Failed, "Feishu answered without code"),
        };
    }
}
