using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OpenClaw.Grains.Notifications;

/// <summary>Registers alert delivery in a silo.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Channels (senders, composer, packer, test action, target guard, Data Protection for secrets) and the guarded
    /// HttpClient <see cref="ChatWebhookPost.HttpClientName"/>: the standard resilience handler is removed (the outbox
    /// retries with backoff; stacked retries would resend messages) and replaced by one attempt timeout. Options come
    /// from the <c>Notifications</c> section (<see cref="NotificationOptions"/>), validated at start.
    /// </summary>
    public static IServiceCollection AddOpenClawNotificationChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        services.TryAddSingleton(sp => new OutboundTargetGuard(sp.GetRequiredService<NotificationOptions>().AllowPrivateTargets));
        services.TryAddSingleton<ChannelSecretProtector>();
        services.TryAddSingleton(sp => new AlertMessageComposer(sp.GetRequiredService<NotificationOptions>().DashboardBase));
        services.TryAddSingleton<ChannelMessagePacker>();
        services.TryAddSingleton<NotificationChannelTester>();
        services.AddSingleton<INotificationChannelSender, WeComRobotSender>();
        services.AddSingleton<INotificationChannelSender, DingTalkRobotSender>();
        services.AddSingleton<INotificationChannelSender, FeishuBotSender>();
        services.AddSingleton<INotificationChannelSender, SlackWebhookSender>();
        services.AddSingleton<INotificationChannelSender, SignedWebhookSender>();
        services.AddSingleton<INotificationChannelSender>(sp => new SmtpEmailSender(sp.GetRequiredService<OutboundTargetGuard>(),
            sp.GetRequiredService<NotificationOptions>().AttemptTimeout));

        var http = services.AddHttpClient(ChatWebhookPost.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<OutboundTargetGuard>().ConnectAsync,
                AllowAutoRedirect = false, // a redirect could lead to an internal address the guard never saw
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<NotificationOptions>().AttemptTimeout);
#pragma warning disable EXTEXP0001 // Experimental API; the documented way to opt one client out of ConfigureHttpClientDefaults' handler.
        http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }

    /// <summary>
    /// The Redis outbox, rate budgets, channel store and the per-silo background sender, on the keyed
    /// <see cref="IConnectionMultiplexer"/> "redis" (<c>AddOpenClawRedis</c>), plus everything of
    /// <see cref="AddOpenClawNotificationChannels"/>.
    /// </summary>
    public static IServiceCollection AddOpenClawNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenClawNotificationStores(configuration);
        services.TryAddSingleton(sp => new ChannelRateLimiter(Redis(sp), sp.GetRequiredService<NotificationOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<NotificationDispatcher>();
        services.AddHostedService<NotificationOutboxService>();
        return services;
    }

    /// <summary>
    /// Everything of <see cref="AddOpenClawNotificationChannels"/> plus the channel store and the outbox (to read
    /// dead letters), without a sender: what the API needs to manage channels.
    /// </summary>
    public static IServiceCollection AddOpenClawNotificationStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenClawNotificationChannels(configuration);
        services.TryAddSingleton(sp => new NotificationOutbox(Redis(sp), sp.GetRequiredService<NotificationOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<INotificationChannelStore>(sp => new RedisNotificationChannelStore(Redis(sp),
            sp.GetRequiredService<ChannelSecretProtector>(), sp.GetRequiredService<NotificationOptions>()));
        return services;
    }

    private static IConnectionMultiplexer Redis(IServiceProvider sp) => sp.GetRequiredKeyedService<IConnectionMultiplexer>("redis");
}
