using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Grains.Alerts;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// The generic signed webhook (ARCHITECTURE §7): one request per routed notification, JSON with ISO 8601 times carrying
/// their offset, and three headers — <c>X-OpenClaw-Timestamp</c> (Unix seconds), <c>X-OpenClaw-Signature:
/// sha256=&lt;hex&gt;</c> = lower-case hex HMAC-SHA256 keyed by the channel secret over <c>timestamp + "." + body</c>
/// (the raw body bytes as sent), and <c>X-OpenClaw-Request-Id</c>, the notification id, the same on every retry so a
/// receiver can drop duplicates. Receivers should accept a timestamp within ±300 s of their clock and compare
/// signatures in constant time (docs/alerts.md). Any 2xx is success; 429 honours Retry-After.
/// </summary>
public sealed class SignedWebhookSender(IHttpClientFactory clients, TimeProvider time) : INotificationChannelSender
{
    /// <summary>Signature header.</summary>
    public const string SignatureHeader = "X-OpenClaw-Signature";

    /// <summary>Timestamp header (Unix seconds).</summary>
    public const string TimestampHeader = "X-OpenClaw-Timestamp";

    /// <summary>Idempotency header.</summary>
    public const string RequestIdHeader = "X-OpenClaw-Request-Id";

    /// <summary>The acceptance window receivers should apply to <see cref="TimestampHeader"/>: ±300 s.</summary>
    public static readonly TimeSpan ReceiverTolerance = TimeSpan.FromSeconds(300);

    private static readonly JsonSerializerOptions Json = ChatWebhookPost.JsonOptions;

    /// <inheritdoc />
    public NotificationChannelKind Kind => NotificationChannelKind.Webhook;

    /// <inheritdoc />
    public ChannelLimits Limits { get; } = new([new ChannelRate(TimeSpan.FromSeconds(1), 20)], 1_000_000, 1);

    /// <summary>The <c>X-OpenClaw-Signature</c> value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var data = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    /// <summary>The JSON body of <paramref name="message"/> (a test message when it carries no notification).</summary>
    public static string Body(NotificationChannel channel, NotificationMessage message)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonObject
        {
            ["id"] = message.RequestId,
            ["type"] = message.Notifications.Count == 0 ? "channel.test" : "alert.notification",
            ["tenant_id"] = channel.TenantId,
            ["channel_id"] = channel.ChannelId,
            ["created_at"] = Iso(message.CreatedAt),
            ["title"] = message.Title,
        };
        if (message.Notifications.Count > 0 && message.Notifications[0] is { } n)
        {
            var links = message.Sections.Select(s => s.Link.AbsoluteUri).ToList();
            var alerts = n.Firing.Concat(n.Resolved).ToList();
            body["group_key"] = n.GroupKey;
            body["group_labels"] = JsonSerializer.SerializeToNode(n.GroupLabels, Json);
            body["alerts"] = new JsonArray([.. alerts.Select((a, i) => Alert(a, i < links.Count ? links[i] : null))]);
        }

        return body.ToJsonString(Json);
    }

    /// <inheritdoc />
    public async Task<ChannelSendResult> SendAsync(NotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        var body = Body(channel, message);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture),
            [RequestIdHeader] = message.RequestId,
        };
        if (!string.IsNullOrEmpty(channel.Secret))
        {
            headers[SignatureHeader] = Sign(channel.Secret, timestamp, body);
        }

        var (response, error) = await ChatWebhookPost.PostAsync(clients.CreateClient(ChatWebhookPost.HttpClientName), channel.Url!, body, headers,
            cancellationToken).ConfigureAwait(false);
        return ChatWebhookPost.Common(response, error) ?? ChannelSendResult.Delivered;
    }

    private static JsonObject Alert(AlertNotification a, string? link) => new()
    {
        ["fingerprint"] = a.Fingerprint,
        ["status"] = a.Status == AlertStatus.Resolved ? "resolved" : "firing",
        ["kind"] = a.Kind == AlertKind.Event ? "event" : "metric",
        ["shop_id"] = a.ShopId,
        ["shop_name"] = a.ShopName,
        ["rule_id"] = a.RuleId,
        ["key"] = a.Key,
        ["severity"] = a.Severity.ToString().ToLowerInvariant(),
        ["active_since"] = Iso(a.ActiveSince),
        ["fired_at"] = Iso(a.FiredAt),
        ["ends_at"] = a.EndsAt is { } end ? Iso(end) : null,
        ["value"] = a.Value,
        ["threshold"] = a.Threshold,
        ["comparator"] = a.Comparator?.ToString(),
        ["detail"] = a.Detail,
        ["labels"] = JsonSerializer.SerializeToNode(a.Labels, Json),
        ["dashboard_url"] = link,
    };

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
