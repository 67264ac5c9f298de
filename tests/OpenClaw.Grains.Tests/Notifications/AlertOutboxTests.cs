using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Grains.Notifications;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Notifications;

/// <summary>The outbox, dispatcher and rate budgets on a real Redis-protocol server (Garnet by default) and a real receiver, on a fake clock.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class AlertOutboxTests : IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;
    private ChatReceiver _receiver = null!;
    private NotificationTestKit _kit = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _redis = (await SharedRedis.GetAsync()).Connect();
        _kit = NotificationTestKit.Create(redis: _redis, settings: s =>
        {
            s["Notifications:MaxAttempts"] = "3";
            s["Notifications:MinRetryAge"] = "00:00:00";
            s["Notifications:LeaseDuration"] = "00:01:00";
        });
        _receiver = await ChatReceiver.StartAsync(_kit.Time);
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _kit.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private NotificationOutbox Outbox => _kit.Get<NotificationOutbox>();

    private NotificationDispatcher Dispatcher => _kit.Get<NotificationDispatcher>();

    private async Task<NotificationChannel> SaveChannelAsync(NotificationChannelKind kind, string path, string? secret = null)
    {
        var channel = NotificationTestKit.Channel(kind, new Uri(_receiver.BaseUrl, path), secret);
        await _kit.Get<INotificationChannelStore>().SaveAsync(channel);
        return channel;
    }

    [Fact]
    public async Task Enqueue_SameIdTwice_AndAfterDelivery_IsRefused()
    {
        await SaveChannelAsync(NotificationChannelKind.Webhook, "hook", "s");
        var notification = _kit.Firing("shop-1");

        Assert.True(await Outbox.EnqueueAsync(notification));
        Assert.False(await Outbox.EnqueueAsync(notification));
        Assert.Equal(1, await Dispatcher.DrainOnceAsync(Ct));
        Assert.False(await Outbox.EnqueueAsync(notification));

        Assert.True(await Outbox.WasDeliveredAsync(notification.Id));
        Assert.Single(_receiver.Requests);
        Assert.Equal(0, await Outbox.DepthAsync());
    }

    [Fact]
    public async Task ChannelSecrets_AreStoredEncrypted()
    {
        await SaveChannelAsync(NotificationChannelKind.DingTalk, "robot/send?access_token=very-secret-token", "SECsigning-secret");
        var options = _kit.Get<NotificationOptions>();

        var stored = (string)(await _redis.GetDatabase().HashGetAsync(options.KeyPrefix + "channels:" + NotificationTestKit.Tenant, "ch-1"))!;

        Assert.DoesNotContain("very-secret-token", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("SECsigning-secret", stored, StringComparison.Ordinal);
        var loaded = await _kit.Get<INotificationChannelStore>().GetAsync(NotificationTestKit.Tenant, "ch-1");
        Assert.Equal("SECsigning-secret", loaded!.Secret);
        Assert.DoesNotContain("SECsigning", loaded.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lease_ExpiredAfterASenderCrash_ItemIsDeliveredByAnotherSender()
    {
        await SaveChannelAsync(NotificationChannelKind.Webhook, "hook", "s");
        var notification = _kit.Firing("shop-1");
        await Outbox.EnqueueAsync(notification);

        var crashed = Assert.Single(await Outbox.ClaimAsync(10)); // this sender dies without ack or nack
        Assert.Equal(0, await Dispatcher.DrainOnceAsync(Ct)); // leased: nobody else takes it yet
        _kit.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await Dispatcher.DrainOnceAsync(Ct));

        Assert.Equal(notification.Id, Assert.Single(_receiver.Requests).Headers["X-OpenClaw-Request-Id"]);
        Assert.False(await Outbox.AckAsync(crashed)); // the dead sender's lease token no longer counts
        Assert.Equal(0, await Outbox.DepthAsync());
    }

    [Fact]
    public async Task Failures_BackOffExponentially_ThenDeadLetterAfterMaxAttempts_Readable()
    {
        await SaveChannelAsync(NotificationChannelKind.Webhook, "hook", "s");
        _receiver.Answer = _ => (500, "boom", null);
        var notification = _kit.Firing("shop-1");
        await Outbox.EnqueueAsync(notification);

        Assert.Equal(1, await Dispatcher.DrainOnceAsync(Ct));
        Assert.Equal(0, await Dispatcher.DrainOnceAsync(Ct)); // backing off (≥ 4 s after the first failure)
        _kit.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await Dispatcher.DrainOnceAsync(Ct));
        _kit.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(0, await Dispatcher.DrainOnceAsync(Ct)); // second backoff is ≥ 8 s
        _kit.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await Dispatcher.DrainOnceAsync(Ct));

        var dead = Assert.Single(await Outbox.DeadLettersAsync());
        Assert.Equal((notification.Id, 3, "HTTP 500"), (dead.Item.Id, dead.Attempts, dead.LastError));
        Assert.Equal(3, _receiver.Requests.Count);
        Assert.Equal(0, await Outbox.DepthAsync());
    }

    [Fact]
    public async Task Channel_BackAfterAnOutage_ItsBackedOffItemsGoWithTheFirstDelivery_AnotherChannelKeepsItsBackoff()
    {
        await SaveChannelAsync(NotificationChannelKind.Webhook, "hook", "s");
        var other = NotificationTestKit.Channel(NotificationChannelKind.Webhook, new Uri(_receiver.BaseUrl, "other"), "s", id: "ch-2");
        await _kit.Get<INotificationChannelStore>().SaveAsync(other);
        _receiver.Answer = _ => (503, "down", null);
        var waiting = new[] { _kit.Firing("shop-1"), _kit.Firing("shop-2"), _kit.Firing("shop-3"), _kit.Firing("shop-4", other.ChannelId) };
        foreach (var notification in waiting)
        {
            await Outbox.EnqueueAsync(notification);
        }

        // Two failed rounds (this kit dead-letters at the third): the items back off 5 s, then 10 s (±20 %).
        Assert.Equal(4, await Dispatcher.DrainOnceAsync(Ct));
        _kit.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(4, await Dispatcher.DrainOnceAsync(Ct));
        Assert.Equal(0, await Dispatcher.DrainOnceAsync(Ct)); // all four wait ≥ 8 s more

        // The receiver is back; a new alert to the first channel is delivered at once, and with it the channel's backlog.
        _receiver.Answer = _ => (200, "ok", null);
        var failedRequests = _receiver.Requests.Count;
        var fresh = _kit.Firing("shop-5");
        await Outbox.EnqueueAsync(fresh);
        Assert.Equal(1, await Dispatcher.DrainOnceAsync(Ct));
        Assert.Equal(3, await Dispatcher.DrainOnceAsync(Ct)); // no time has passed: made due by the delivery

        var delivered = _receiver.Requests.Skip(failedRequests).Select(r => r.Headers["X-OpenClaw-Request-Id"]).ToList();
        Assert.Equal(new[] { fresh.Id, waiting[0].Id, waiting[1].Id, waiting[2].Id }.Order(), delivered.Order());
        Assert.Equal(1, await Outbox.DepthAsync()); // the other channel's item keeps its backoff
    }

    [Fact]
    public async Task SenderCrash_With100Queued_NothingLost_NothingSentTwice()
    {
        await SaveChannelAsync(NotificationChannelKind.Webhook, "hook", "s");
        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var n = _kit.Firing($"shop-{i:D3}");
            ids.Add(n.Id);
            Assert.True(await Outbox.EnqueueAsync(n));
        }

        Assert.Equal(30, (await Outbox.ClaimAsync(30)).Count); // a silo claims 30 and is killed before sending
        while (await Dispatcher.DrainOnceAsync(Ct) > 0)
        {
        }

        _kit.Time.Advance(TimeSpan.FromMinutes(2)); // its leases expire
        for (var i = 0; i < 30 && await Outbox.DepthAsync() > 0; i++)
        {
            await Dispatcher.DrainOnceAsync(Ct); // the webhook budget (20/s) spreads the backlog over a few seconds
            _kit.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var received = _receiver.Requests.Select(r => r.Headers["X-OpenClaw-Request-Id"]).ToList();
        Assert.Equal(100, received.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        Assert.Equal(0, await Outbox.DepthAsync());
    }

    [Fact]
    public async Task WeCom_25AlertsInAMinute_AtMost20MessagesPerMinute_All25Delivered()
    {
        await SaveChannelAsync(NotificationChannelKind.WeCom, "cgi-bin/webhook/send?key=k");
        _receiver.Answer = r =>
            _receiver.Requests.Count(x => x.At > r.At - TimeSpan.FromMinutes(1)) > 20
                ? (200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}", null)
                : (200, "{\"errcode\":0,\"errmsg\":\"ok\"}", null);
        var start = _kit.Time.GetUtcNow();
        for (var i = 0; i < 25; i++)
        {
            await Outbox.EnqueueAsync(_kit.Firing($"74950000000{i:D2}", shopName: $"店铺{i:D2}"));
            await Dispatcher.DrainOnceAsync(Ct);
            _kit.Time.Advance(TimeSpan.FromSeconds(2));
        }

        for (var i = 0; i < 60 && await Outbox.DepthAsync() > 0; i++)
        {
            _kit.Time.Advance(TimeSpan.FromSeconds(1));
            await Dispatcher.DrainOnceAsync(Ct);
        }

        var requests = _receiver.Requests.ToList();
        Assert.All(requests, r => Assert.True(requests.Count(x => x.At > r.At - TimeSpan.FromMinutes(1) && x.At <= r.At) <= 20));
        Assert.True(requests.Count(r => r.At < start + TimeSpan.FromMinutes(1)) <= 20);
        Assert.True(requests.Count < 25, "the overflow was batched into fewer messages");
        var bodies = string.Concat(requests.Select(r => r.Body));
        Assert.All(Enumerable.Range(0, 25), i => Assert.Contains($"店铺{i:D2}（74950000000{i:D2}）", bodies, StringComparison.Ordinal));
        Assert.Equal(0, await Outbox.DepthAsync());
    }

    [Fact]
    public async Task Delivery_EmitsASpanAndCounters_WithoutUrlOrSecret()
    {
        await SaveChannelAsync(NotificationChannelKind.DingTalk, "robot/send?access_token=secret-token", "SECsecret");
        var notification = _kit.Firing("shop-1");
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AlertsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if ((string?)a.GetTagItem("openclaw.notification.request_id") == notification.Id) { spans.Enqueue(a); } },
        };
        ActivitySource.AddActivityListener(activities);
        long sent = 0;
        using var meters = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == AlertsTelemetry.Name) { l.EnableMeasurementEvents(i); } } };
        meters.SetMeasurementEventCallback<long>((i, value, tags, _) =>
        {
            // Only this class drives the dispatcher, and only this test through a DingTalk channel.
            if (i.Name == "openclaw.alerts.notifications.sent" && tags.ToArray().Any(t => t.Key == "openclaw.channel.kind" && (string?)t.Value == "DingTalk"))
            {
                Interlocked.Add(ref sent, value);
            }
        });
        meters.Start();

        await Outbox.EnqueueAsync(notification);
        await Dispatcher.DrainOnceAsync(Ct);

        var span = Assert.Single(spans);
        Assert.Equal("notification deliver", span.OperationName);
        Assert.Equal("DingTalk", span.GetTagItem("openclaw.channel.kind"));
        Assert.Equal("Delivered", span.GetTagItem("openclaw.notification.outcome"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("secret", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Equal(1, Interlocked.Read(ref sent));
    }

    [Fact]
    public async Task Sender_IdleOnItsPoll_IsWokenByAnEnqueue()
    {
        // The fake clock never moves, so the sender's poll never ends: after its first drain only the outbox's wake
        // (Redis pub/sub, rung by EnqueueAsync) can make it claim again. The first notification is queued before the
        // sender starts, so its first drain finds it; the second is queued once the wake is subscribed (the sender
        // subscribes in its first wait; a ring published before that is lost, and only the poll would find the item).
        await SaveChannelAsync(NotificationChannelKind.Webhook, "hook", "s");
        var sender = _kit.Services.GetServices<IHostedService>().OfType<NotificationOutboxService>().Single();
        await Outbox.EnqueueAsync(_kit.Firing("shop-1"));
        await sender.StartAsync(Ct);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(_receiver.Requests.Count == 1), TimeSpan.FromSeconds(30), () => "the first notification was not sent");
            await Outbox.Wake.ListenAsync(TimeSpan.FromSeconds(10), Ct);

            // The sender drained the first one (or is about to) and waits on its poll: this one needs the wake.
            var second = _kit.Firing("shop-2");
            await Outbox.EnqueueAsync(second);
            await Eventually.TrueAsync(async () => await Outbox.WasDeliveredAsync(second.Id), TimeSpan.FromSeconds(30),
                () => $"the second notification waited for the poll (receiver got {_receiver.Requests.Count})");
            Assert.Equal(2, _receiver.Requests.Count);
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);
        }
    }
}
