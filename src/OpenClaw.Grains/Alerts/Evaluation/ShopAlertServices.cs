using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Alerts.Index;
using OpenClaw.Grains.Metrics.Queries;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace OpenClaw.Grains.Alerts.Evaluation;

/// <summary>What the shop grain's alert part works with, resolved once per activation.</summary>
/// <param name="Values">Every registered <see cref="IAlertValueSource"/>, asked in registration order.</param>
/// <param name="Index">The per-tenant alert index the shop writes.</param>
/// <param name="Options">Evaluation settings.</param>
/// <param name="RuleSets">The silo's shared instance of each tenant's rules.</param>
public sealed record ShopAlertServices(CompositeAlertValues Values, TenantAlertIndex Index, ShopAlertOptions Options, TenantRuleSets RuleSets);

/// <summary>Registers the shop grains' alert evaluation.</summary>
public static class ShopAlertServiceExtensions
{
    /// <summary>
    /// Adds settings (section <c>Alerts</c>, validated at start), the alert index on the keyed Redis client
    /// <c>redis</c>, and the value sources: sync lag from the sync report, shop-health rates from the day buckets
    /// (<see cref="MetricsQuery"/>), the API error rate from the shop's call window (<see cref="ApiErrorRateAlertValues"/>);
    /// other layers add theirs with
    /// <c>services.AddSingleton&lt;IAlertValueSource, …&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddShopAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedSettings<ShopAlertOptions>(configuration, ShopAlertOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertValueSource, SyncReportAlertValues>());
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<MetricsQuery>(sp, Redis(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertValueSource, MetricsAlertValues>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertValueSource, ApiErrorRateAlertValues>());
        services.TryAddSingleton(sp => new TenantAlertIndex(Redis(sp)));
        services.TryAddSingleton(sp => new ShopAlertServices(new CompositeAlertValues(sp.GetServices<IAlertValueSource>()),
            sp.GetRequiredService<TenantAlertIndex>(), sp.GetRequiredService<IOptions<ShopAlertOptions>>().Value, new TenantRuleSets()));
        return services;
    }

    private static IConnectionMultiplexer Redis(IServiceProvider sp) => sp.GetRequiredKeyedService<IConnectionMultiplexer>(RedisExtensions.ConnectionName);
}
