using OpenClaw.Api.Errors;
using OpenClaw.Grains.Alerts.Index;
using OpenClaw.Grains.Notifications;

namespace OpenClaw.Api.Alerts;

/// <summary>What the alert and channel handlers use, bound as one <c>[AsParameters]</c> argument.</summary>
/// <param name="Grains">The Orleans client.</param>
/// <param name="Calls">Grain calls with failover retries.</param>
/// <param name="Index">The tenants' alert index in Redis (cross-shop reads never call every shop grain).</param>
/// <param name="Outbox">The notification outbox (dead letters).</param>
/// <param name="Channels">The encrypted channel store.</param>
/// <param name="Tester">"Send test message".</param>
/// <param name="Guard">Outbound target rules (https, no private addresses unless allowed).</param>
/// <param name="Time">The clock.</param>
public sealed record AlertApiServices(
    IGrainFactory Grains, GrainCalls Calls, TenantAlertIndex Index, NotificationOutbox Outbox, INotificationChannelStore Channels,
    NotificationChannelTester Tester, OutboundTargetGuard Guard, TimeProvider Time);

/// <summary>Registers what the alert and channel APIs need.</summary>
public static class AlertApiServiceExtensions
{
    /// <summary>Channels, their store and the outbox (section <c>Notifications</c>; no sender runs in the API), and the alert index.</summary>
    public static IServiceCollection AddAlertApis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenClawNotificationStores(configuration);
        services.AddSingleton(sp => new TenantAlertIndex(sp.GetRequiredKeyedService<StackExchange.Redis.IConnectionMultiplexer>(
            OpenClaw.ServiceDefaults.Redis.RedisExtensions.ConnectionName)));
        return services;
    }
}
