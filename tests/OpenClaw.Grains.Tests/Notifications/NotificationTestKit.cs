using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Notifications;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Notifications;

/// <summary>The real registration (<c>AddOpenClawNotificationChannels</c>/<c>AddOpenClawNotifications</c>) on a fake clock.</summary>
internal sealed class NotificationTestKit : IAsyncDisposable
{
    public const string Tenant = "agency-1";

    private NotificationTestKit(ServiceProvider services, FakeTimeProvider time)
    {
        Services = services;
        Time = time;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public static NotificationTestKit Create(bool allowPrivateTargets = true, IConnectionMultiplexer? redis = null, Action<Dictionary<string, string?>>? settings = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var values = new Dictionary<string, string?>
        {
            ["Notifications:DashboardBaseUrl"] = "https://dash.openclaw.example/app",
            ["Notifications:AllowPrivateTargets"] = allowPrivateTargets ? "true" : "false",
            ["Notifications:KeyPrefix"] = "test-" + Guid.NewGuid().ToString("N")[..10] + ":",
        };
        settings?.Invoke(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        if (redis is null)
        {
            services.AddOpenClawNotificationChannels(configuration);
        }
        else
        {
            services.AddKeyedSingleton("redis", redis);
            services.AddOpenClawNotifications(configuration);
        }

        return new NotificationTestKit(services.BuildServiceProvider(), time);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public INotificationChannelSender Sender(NotificationChannelKind kind) => Services.GetServices<INotificationChannelSender>().Single(s => s.Kind == kind);

    public static NotificationChannel Channel(NotificationChannelKind kind, Uri url, string? secret = null,
        NotificationLanguage language = NotificationLanguage.SimplifiedChinese, string id = "ch-1") =>
        new(Tenant, id, kind, "运营群", language, "Asia/Shanghai", url, secret);

    /// <summary>A routed notification with one firing refund-rate alert of <paramref name="shopId"/>, made by a real book and router.</summary>
    public RoutedNotification Firing(string shopId, string channelId = "ch-1", string shopName = "小米旗舰店")
    {
        var book = new AlertBook(Tenant, shopId, new AlertBookState(), Time) { ShopName = shopName };
        book.Observe(new AlertRule("refund", AlertMetrics.RefundRate, AlertComparator.GreaterThan, 8, TimeSpan.FromDays(1), TimeSpan.Zero,
            AlertSeverity.Critical, 6, AlertScope.AllShops), 9.25);
        var router = new AlertRouter(Tenant, new AlertRoutingPolicy([new AlertRoute([], [channelId], GroupWait: TimeSpan.Zero)], [], [], []),
            new AlertRouterState(), Time);
        router.Receive(Assert.Single(book.TakeNotifications()));
        return Assert.Single(router.Flush());
    }

    public NotificationMessage Message(NotificationChannel channel, params RoutedNotification[] notifications) =>
        Assert.Single(Get<ChannelMessagePacker>().Pack(notifications, channel, Sender(channel.Kind).Limits, Time.GetUtcNow())).Message;

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
