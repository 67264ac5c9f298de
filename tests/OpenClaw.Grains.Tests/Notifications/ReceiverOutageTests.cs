using OpenClaw.Grains.Notifications;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Notifications;

/// <summary>
/// The simulator's signed-webhook receiver down for more than ten minutes, then up again: the outbox on a real
/// Redis-protocol server and the dispatcher on a fake clock retry through the outage with their real backoff, and every
/// notification arrives exactly once per <c>X-OpenClaw-Request-Id</c>. The fake clock is also the simulator's, so its
/// ±300 s timestamp check sees the same time the sender signed with.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class ReceiverOutageTests
{
    private const int Notifications = 60;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReceiverDownTwelveMinutes_ThenUp_EveryNotificationArrivesOnce_NoneDeadLettered()
    {
        await using var redis = (await SharedRedis.GetAsync()).Connect();
        await using var kit = NotificationTestKit.Create(redis: redis);
        await using var simulator = await SimulatorReceivers.StartAsync(kit.Time, Ct);
        var outbox = kit.Get<NotificationOutbox>();
        var dispatcher = kit.Get<NotificationDispatcher>();
        await kit.Get<INotificationChannelStore>().SaveAsync(
            NotificationTestKit.Channel(NotificationChannelKind.Webhook, new Uri(simulator.BaseUrl, "_sim/chat/webhook/receive"), "openclaw-chat-secret"));
        var ids = new List<string>();
        for (var i = 0; i < Notifications; i++)
        {
            var notification = kit.Firing($"shop-{i:D3}");
            ids.Add(notification.Id);
            Assert.True(await outbox.EnqueueAsync(notification));
        }

        // Down: every request answered 500 for twelve simulated minutes (the backoff reaches ~5 min between tries).
        await simulator.FailAsync("webhook", "server_error", 10_000, Ct);
        var outageEnds = kit.Time.GetUtcNow() + TimeSpan.FromMinutes(12);
        while (kit.Time.GetUtcNow() < outageEnds)
        {
            await DrainDueAsync(dispatcher);
            kit.Time.Advance(TimeSpan.FromSeconds(5));
        }

        var during = await simulator.InboxAsync("webhook", Ct);
        Assert.Empty(during.Messages);
        Assert.True(during.Failed >= Notifications * 5, $"each notification was tried several times during the outage ({during.Failed} failed requests)");

        // Up again: the next retries (≤ 30 min apart) deliver everything.
        await simulator.FailAsync("webhook", "server_error", 0, Ct);
        var giveUp = kit.Time.GetUtcNow() + TimeSpan.FromHours(2);
        while (await outbox.DepthAsync() > 0 && kit.Time.GetUtcNow() < giveUp)
        {
            await DrainDueAsync(dispatcher);
            kit.Time.Advance(TimeSpan.FromSeconds(5));
        }

        var after = await simulator.InboxAsync("webhook", Ct);
        var received = after.Messages.Select(m => m.RequestId!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal)); // each id once, none missing
        Assert.Equal(0, after.Duplicates);
        Assert.Equal(0, after.Rejected);
        Assert.Equal(0, await outbox.DepthAsync());
        Assert.Empty(await outbox.DeadLettersAsync());
        foreach (var id in ids)
        {
            Assert.True(await outbox.WasDeliveredAsync(id), id);
        }
    }

    private static async Task DrainDueAsync(NotificationDispatcher dispatcher)
    {
        while (await dispatcher.DrainOnceAsync(Ct) > 0)
        {
        }
    }
}
