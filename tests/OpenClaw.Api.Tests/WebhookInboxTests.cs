using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenClaw.Api.Webhooks;
using OpenClaw.Grains.Notifications;
using OpenClaw.Grains.Sync;
using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>
/// The webhook inbox's failure path on a Redis of its own (the inbox's keys are global, and the fixture's API
/// dispatchers would claim its events): a failed hand-off to the shop grain keeps the event and brings it back after
/// its backoff, and the first hand-off that succeeds brings back every event backing off at once; an event that can
/// raise an alert is handed off ahead of a backlog of order updates.
/// </summary>
public sealed class WebhookInboxTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private RedisServer server = null!;
    private StackExchange.Redis.ConnectionMultiplexer redis = null!;
    private WebhookInbox inbox = null!;

    public async ValueTask InitializeAsync()
    {
        server = await RedisServer.StartAsync();
        redis = server.Connect();
        inbox = new WebhookInbox(redis, Options.Create(new WebhookOptions()), time);
    }

    public async ValueTask DisposeAsync()
    {
        await redis.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task FailedHandOff_KeepsTheEvent_AndBringsItBackAfterItsBackoff()
    {
        Assert.True(await inbox.AcceptAsync(Webhook("n-1")));
        var claimed = Assert.Single(await inbox.ClaimAsync(10));

        Assert.Equal(OutboxNackResult.Retried, await inbox.NackAsync(claimed, "SiloUnavailableException"));
        Assert.Equal(1, await inbox.DepthAsync());
        Assert.Empty(await inbox.ClaimAsync(10)); // backing off

        time.Advance(new WebhookOptions().BackoffMax);
        var again = Assert.Single(await inbox.ClaimAsync(10));
        Assert.Equal("n-1", again.Event.Webhook.NotificationId);
        Assert.Equal(2, again.Attempts);
        Assert.True(await inbox.AckAsync(again));
        Assert.Equal(0, await inbox.DepthAsync());
    }

    [Fact]
    public async Task HandOffSucceedsAgain_EveryEventBackingOffIsDueAtOnce()
    {
        Assert.True(await inbox.AcceptAsync(Webhook("n-1")));
        Assert.True(await inbox.AcceptAsync(Webhook("n-2")));
        foreach (var claimed in await inbox.ClaimAsync(10))
        {
            Assert.Equal(OutboxNackResult.Retried, await inbox.NackAsync(claimed, "SiloUnavailableException"));
        }

        Assert.True(await inbox.AcceptAsync(Webhook("n-3")));
        var fresh = Assert.Single(await inbox.ClaimAsync(10));
        Assert.True(await inbox.AckAsync(fresh)); // the cluster answers again

        var released = await inbox.ClaimAsync(10); // no time has passed
        Assert.Equal(["n-1", "n-2"], released.Select(c => c.Event.Webhook.NotificationId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ProductFrozenBehindABacklogOfOrderUpdates_IsHandedOffFirst_AndTheOrdersKeepTheirOrder()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.True(await inbox.AcceptAsync(Webhook($"n-{i:D2}")));
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // TikTok's product status change (type 5): a policy violation the seller must hear about within seconds.
        Assert.True(await inbox.AcceptAsync(new TikTokWebhook("frozen", "shop-2", 5, [new ShopWebhook("frozen", 5, ProductId: "product-1")])));

        var claimed = await inbox.ClaimAsync(4);
        Assert.Equal(["frozen", "n-00", "n-01", "n-02"], claimed.Select(c => c.Event.Webhook.NotificationId));
    }

    private static TikTokWebhook Webhook(string id) =>
        new(id, "shop-1", 1, [new ShopWebhook(id, 1, OrderId: "order-" + id)]);
}
