using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Notifications;
using OpenClaw.Grains.Tests.Sync;

namespace OpenClaw.Grains.Tests.Alerts;

/// <summary>
/// The whole alert path on loopback: the simulator (TikTok and its chat receivers), two silos with the shop grains,
/// the tenant alert grain, the Redis outbox and every silo's background sender, delivering over real HTTP.
/// </summary>
public sealed class AlertFlowFixture : SyncFixture
{
    /// <summary>The secret the simulator's signing robots are configured with (its default).</summary>
    public const string ChatSecret = "openclaw-chat-secret";

    /// <inheritdoc />
    protected override int Seed => 1111;

    /// <inheritdoc />
    protected override void ConfigureSilo(IServiceCollection services, IConfiguration configuration) => services.AddOpenClawNotifications(configuration);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => base.Settings().Concat(new Dictionary<string, string?>
    {
        ["Notifications:AllowPrivateTargets"] = "true",
        ["Notifications:KeyPrefix"] = "alert-flow-" + Guid.NewGuid().ToString("N")[..8] + ":",
        ["Notifications:PollInterval"] = "00:00:00.050",
        ["Notifications:BackoffBase"] = "00:00:00.200",
        ["Notifications:DashboardBaseUrl"] = "https://dash.openclaw.example/",
        ["Alerts:EvaluationInterval"] = "00:00:00.200",
    });

    private Task<IReadOnlyList<string>>? connected;

    /// <summary>The tenant that owns every simulator shop of this fixture.</summary>
    public string TenantId { get; } = "alert-flow-" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Connects every simulator shop to <see cref="TenantId"/> once and waits until their sync has caught up.</summary>
    public Task<IReadOnlyList<string>> ConnectedShopsAsync() => connected ??= ConnectAndCatchUpAsync();

    /// <summary>The silos' channel store (encrypts URL and secret).</summary>
    public INotificationChannelStore Channels => Cluster.Silos[0].ServiceProvider.GetRequiredService<INotificationChannelStore>();

    /// <summary>The outbox every silo's sender drains.</summary>
    public NotificationOutbox Outbox => Cluster.Silos[0].ServiceProvider.GetRequiredService<NotificationOutbox>();

    /// <summary>Saves a channel of <paramref name="tenantId"/> pointing at the simulator's <paramref name="path"/>.</summary>
    public async Task<NotificationChannel> AddChannelAsync(string tenantId, string channelId, NotificationChannelKind kind, string path, NotificationLanguage language)
    {
        var channel = new NotificationChannel(tenantId, channelId, kind, "运营群 " + channelId, language, "Asia/Shanghai", new Uri(SimulatorUrl + path),
            kind is NotificationChannelKind.WeCom or NotificationChannelKind.Slack ? null : ChatSecret);
        await Channels.SaveAsync(channel);
        return channel;
    }

    /// <summary>Routes everything of the tenant to <paramref name="channelIds"/> with short group timings and the default inhibition.</summary>
    public Task RouteAllAsync(string tenantId, params string[] channelIds) =>
        Cluster.Client.GetGrain<ITenantAlertsGrain>(tenantId).PutRoutingAsync(new AlertRoutingConfig(
            [new AlertRoute([], channelIds, GroupWait: TimeSpan.FromMilliseconds(500), GroupInterval: TimeSpan.FromSeconds(2))], [], AlertRoutingDefaults.InhibitRules));

    /// <summary>Empties a simulator receiver (messages, counters, pending failures, seen ids).</summary>
    public Task ClearInboxAsync(string kind) => AdminAsync(HttpMethod.Delete, $"/_sim/chat/{kind}/messages");

    /// <summary>What a simulator chat receiver accepted and counted.</summary>
    public async Task<ChatInbox> InboxAsync(string kind) => ChatInbox.Parse(await Simulator.GetFromJsonAsync<JsonElement>($"/_sim/chat/{kind}/messages"));

    private async Task<IReadOnlyList<string>> ConnectAndCatchUpAsync()
    {
        var shops = await ConnectAllAsync(TenantId);
        await GroundTruth.WaitCaughtUpAsync(this, shops, TimeSpan.FromMinutes(3));
        return shops;
    }
}

/// <summary>One message a simulator receiver accepted: the request id (signed webhook) and the parsed body.</summary>
public sealed record ChatMessage(string? RequestId, JsonElement Body)
{
    /// <summary>The human-readable text of a chat message (WeCom/DingTalk markdown, Slack text; the raw JSON otherwise).</summary>
    public string Text => Body.TryGetProperty("markdown", out var md) ? (md.TryGetProperty("content", out var c) ? c : md.GetProperty("text")).GetString()!
        : Body.TryGetProperty("text", out var text) ? text.GetString()! : Body.GetRawText();

    /// <summary>The alerts of a signed-webhook body (empty for other kinds).</summary>
    public IReadOnlyList<JsonElement> Alerts => Body.TryGetProperty("alerts", out var alerts) ? [.. alerts.EnumerateArray()] : [];
}

/// <summary>A receiver's messages and counters.</summary>
public sealed record ChatInbox(IReadOnlyList<ChatMessage> Messages, int Failed, int Rejected, int Duplicates)
{
    /// <summary>Reads what <c>GET /_sim/chat/{kind}/messages</c> answered.</summary>
    public static ChatInbox Parse(JsonElement view)
    {
        var messages = view.GetProperty("messages").EnumerateArray()
            .Select(m => new ChatMessage(m.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
                JsonDocument.Parse(m.GetProperty("body").GetString()!).RootElement.Clone()))
            .ToList();
        return new ChatInbox(messages, view.GetProperty("failed").GetInt32(), view.GetProperty("rejected").GetInt32(), view.GetProperty("duplicates").GetInt32());
    }
}
