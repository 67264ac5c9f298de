using OpenClaw.Grains.Shops;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.ServiceDefaults.Redis;
using OpenClaw.Silo.Health;
using OpenClaw.Silo.Membership;
using Orleans.Configuration;

namespace OpenClaw.Silo.Extensions;

/// <summary>Everything the silo registers: Redis, Orleans from configuration, membership tuning, drain on stop.</summary>
public static class SiloExtensions
{
    /// <summary>Configuration section overriding <see cref="ClusterMembershipOptions"/> (e.g. <c>Orleans__Membership__ProbeTimeout=00:00:02</c>).</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>
    /// Default time the host gives Orleans to drain on SIGTERM (deactivate grains, write their state, leave the
    /// membership table) before it stops anyway. Kubernetes' termination grace period must exceed it.
    /// </summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Adds the Redis client and the Orleans silo. Providers come from the <c>Orleans</c> configuration section that
    /// Aspire injects (<c>Orleans__Clustering__ProviderType=Redis</c>, <c>…__ServiceKey=redis</c>, grain storage
    /// <c>Default</c>, reminders, <c>Orleans__ClusterId</c>, <c>Orleans__ServiceId</c>, endpoints) and that the
    /// Kubernetes ConfigMap sets the same way.
    /// </summary>
    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOpenClawRedis();

        builder.Services.AddValidatedSettings<ShopGrainOptions>(builder.Configuration, ShopGrainOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(MembershipTuning.Apply)
            .Bind(builder.Configuration.GetSection(MembershipSection))
            .Validate(MembershipTuning.IsValid, MembershipTuning.ValidationMessage)
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>()
            .Configure(host => host.ShutdownTimeout = DefaultShutdownTimeout)
            .Bind(builder.Configuration.GetSection("HostOptions"));

        // Grain calls appear as spans under the caller's trace (Microsoft.Orleans.* activity sources).
        builder.UseOrleans(silo => silo.AddActivityPropagation());

        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("orleans-silo");
        return builder;
    }
}
