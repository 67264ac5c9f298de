using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Hosting;
using OpenClaw.Grains.Notifications;
using OpenClaw.TestSupport;
using StackExchange.Redis;
using static OpenClaw.Silo.Tests.SiloTestContext;

namespace OpenClaw.Silo.Tests;

/// <summary>
/// Issue 11: "Kill the silo while 1,000 notifications are queued → after restart each is delivered exactly once per
/// idempotency id." 1,000 routed notifications (made by a real alert book and router) wait in the Redis outbox for a
/// signed-webhook channel pointing at the simulator's receiver, which records each <c>X-OpenClaw-Request-Id</c> once and
/// counts repeats. Two real silo processes drain them — at the webhook's 20 messages/s, so the queue lasts about a
/// minute — and one is SIGKILLed part-way (a lone silo's replacement could not join while the dead one is still listed
/// Active: the survivor declares it dead); a replacement starts, and the dead silo's leased items are sent once their
/// leases expire.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class OutboxCrashTests
{
    private const int Queued = 1000;
    private const string Tenant = "tenant-outbox-crash";
    private const string ChannelId = "hook";
    private static readonly TimeSpan DeliveryBound = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task SiloKilledWith1000Queued_AfterRestart_EveryRequestIdArrivesOnce_NoneLost()
    {
        await using var simulator = await InProcessSimulator.StartAsync(seed: 1101, shopCount: 1, Cancellation);
        var keyPrefix = "outbox-crash-" + Guid.NewGuid().ToString("N")[..8] + ":";
        var notifications = new Dictionary<string, string>
        {
            ["Notifications__AllowPrivateTargets"] = "true",
            ["Notifications__KeyPrefix"] = keyPrefix,
            ["Notifications__LeaseDuration"] = "00:00:20", // the dead silo's items come back after this (default 1 min)
        };
        var (cluster, _) = await NewClusterAsync(notifications);
        await using var __ = cluster;
        await using var services = OutboxServices(cluster.RedisConnectionString, keyPrefix);
        var outbox = services.GetRequiredService<NotificationOutbox>();
        await services.GetRequiredService<INotificationChannelStore>().SaveAsync(new NotificationChannel(Tenant, ChannelId, NotificationChannelKind.Webhook,
            "ops", NotificationLanguage.English, "UTC", new Uri(simulator.Url + "/_sim/chat/webhook/receive"), "openclaw-chat-secret"));
        var ids = new List<string>();
        foreach (var notification in Routed())
        {
            Assert.True(await outbox.EnqueueAsync(notification));
            ids.Add(notification.Id);
        }

        Assert.Equal(Queued, await outbox.DepthAsync());

        // Two silos send (the webhook's 20/s budget is cluster-wide); one dies without a word part-way.
        var silos = await cluster.StartSilosAsync(2, Cancellation);
        await Eventually.TrueAsync(async () => (await InboxAsync(simulator)).Received >= 150, DeliveryBound, cluster.DescribeSilos);
        silos[0].Kill();
        await silos[0].WaitForExitAsync(TimeSpan.FromSeconds(30));
        var atKill = await InboxAsync(simulator);
        var left = await outbox.DepthAsync();
        Log($"killed {silos[0]} with {atKill.Received} received, {left} in the outbox");
        Assert.True(left > 0, "the outbox was drained before the kill: nothing left to test");

        // Its replacement starts; the dead silo's leased items come back to the senders after their lease.
        await cluster.StartSiloAsync(Cancellation);
        await Eventually.TrueAsync(async () => await outbox.DepthAsync() == 0 && (await InboxAsync(simulator)).Received == Queued,
            DeliveryBound, cluster.DescribeSilos);

        var inbox = await InboxAsync(simulator);
        Log($"received {inbox.Received} distinct request ids, {inbox.Duplicates} repeated deliveries (answered as duplicates)");
        Assert.Equal(ids.Order(StringComparer.Ordinal), inbox.RequestIds.Order(StringComparer.Ordinal)); // each id once, none lost
        Assert.Equal(0, inbox.Rejected);
        Assert.True(inbox.Duplicates <= 100, $"{inbox.Duplicates} repeats: more than one claim batch was resent"); // at-least-once: only what was in flight
        Assert.Empty(await outbox.DeadLettersAsync());
        foreach (var id in ids)
        {
            Assert.True(await outbox.WasDeliveredAsync(id), id);
        }
    }

    // The outbox and channel store as the silo registers them, on the same Redis, key prefix and Data Protection key ring.
    private static ServiceProvider OutboxServices(string redisConnectionString, string keyPrefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:AllowPrivateTargets"] = "true",
            ["Notifications:KeyPrefix"] = keyPrefix,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKeyedSingleton<IConnectionMultiplexer>("redis", (_, _) => ConnectionMultiplexer.Connect(redisConnectionString));
        services.AddDataProtection().SetApplicationName("OpenClaw");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredKeyedService<IConnectionMultiplexer>("redis").GetDatabase(), GrainServiceExtensions.KeyRingKey));
        services.AddOpenClawNotificationStores(configuration);
        return services.BuildServiceProvider();
    }

    // One firing alert per shop, one group per shop: 1,000 notifications for the one channel.
    private static IEnumerable<RoutedNotification> Routed()
    {
        var router = new AlertRouter(Tenant, new AlertRoutingPolicy([new AlertRoute([], [ChannelId], GroupBy: [AlertLabels.Shop], GroupWait: TimeSpan.Zero)], [], [], []),
            new AlertRouterState(), TimeProvider.System);
        for (var i = 0; i < Queued; i++)
        {
            var book = new AlertBook(Tenant, "shop-" + i.ToString("D4", CultureInfo.InvariantCulture), new AlertBookState(), TimeProvider.System);
            book.Raise(new InstantAlertEvent(InstantEventKind.PolicyViolation, "v-1", "Classic Yoga Mat"));
            router.Receive(Assert.Single(book.TakeNotifications()));
        }

        return router.Flush();
    }

    private static async Task<WebhookInbox> InboxAsync(InProcessSimulator simulator)
    {
        var view = await simulator.Http.GetFromJsonAsync<JsonElement>("/_sim/chat/webhook/messages", Cancellation);
        var ids = view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("request_id").GetString()!).ToList();
        return new WebhookInbox(ids, view.GetProperty("duplicates").GetInt32(), view.GetProperty("rejected").GetInt32());
    }

    private sealed record WebhookInbox(IReadOnlyList<string> RequestIds, int Duplicates, int Rejected)
    {
        public int Received => RequestIds.Count;
    }
}
