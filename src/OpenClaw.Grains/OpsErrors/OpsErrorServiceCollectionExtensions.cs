using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace OpenClaw.Grains.OpsErrors;

/// <summary>Registers the ops error book (silo), search and seller intake (API) on the keyed Redis client <c>redis</c>.</summary>
public static class OpsErrorServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OpsErrorOptions"/> (section <c>OpsErrors</c>, validated at start), <see cref="OpsErrorBook"/>,
    /// <see cref="OpsErrorSearch"/> and <see cref="SellerErrorIntake"/> as singletons; the clock is the registered <see cref="TimeProvider"/> (the system clock otherwise).
    /// </summary>
    public static IServiceCollection AddOpsErrors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedSettings<OpsErrorOptions>(configuration, OpsErrorOptions.SectionName);
        services.TryAddSingleton(sp => new OpsErrorBook(Redis(sp), sp.GetRequiredService<IOptions<OpsErrorOptions>>(), Clock(sp),
            sp.GetRequiredService<ILogger<OpsErrorBook>>()));
        services.TryAddSingleton(sp => new OpsErrorSearch(Redis(sp), sp.GetRequiredService<IOptions<OpsErrorOptions>>(), Clock(sp)));
        services.TryAddSingleton(sp => new SellerErrorIntake(Redis(sp), sp.GetRequiredService<IOptions<OpsErrorOptions>>(), Clock(sp)));
        return services;
    }

    private static TimeProvider Clock(IServiceProvider sp) => sp.GetService<TimeProvider>() ?? TimeProvider.System;

    private static IConnectionMultiplexer Redis(IServiceProvider sp) =>
        sp.GetRequiredKeyedService<IConnectionMultiplexer>(RedisExtensions.ConnectionName);
}
