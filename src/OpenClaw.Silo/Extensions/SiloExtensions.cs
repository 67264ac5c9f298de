using Microsoft.Extensions.Options;
using OpenClaw.Grains.Hosting;
using OpenClaw.Grains.Notifications;
using OpenClaw.Grains.Shops;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.ServiceDefaults.Redis;
using OpenClaw.Silo.Demo;
using OpenClaw.Silo.Health;
using OpenClaw.Silo.Membership;
using OpenClaw.Silo.Telemetry;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace OpenClaw.Silo.Extensions;

/// <summary>Everything the silo registers: Redis, Orleans from configuration, membership tuning, drain on stop.</summary>
public static class SiloExtensions
{
    /// <summary>Configuration section overriding <see cref="ClusterMembershipOptions"/> (e.g. <c>Orleans__Membership__ProbeTimeout=00:00:02</c>).</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>
    /// Configuration section of the reminder provider (<c>ProviderType</c>, <c>ServiceKey</c>), from which the silo also
    /// binds <see cref="ReminderOptions"/> (e.g. <c>Orleans__Reminders__MinimumReminderPeriod=00:00:01</c>).
    /// </summary>
    public const string RemindersSection = "Orleans:Reminders";

    /// <summary>
    /// Default time the host gives Orleans to drain on SIGTERM (deactivate grains, write their state, leave the
    /// membership table) before it stops anyway. Kubernetes' termination grace period must exceed it.
    /// </summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(25);

    /// <summary>Maps the health endpoints and, unless <see cref="OrleansDashboardSettings"/> turn it off, the Orleans dashboard at <c>/dashboard</c>.</summary>
    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDefaultEndpoints();
        if (OrleansDashboardSettings.IsEnabled(app.Configuration))
        {
            app.MapOrleansDashboard("/dashboard");
        }

        return app;
    }

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

        // Orleans reads only the provider from Orleans:Reminders; its ReminderOptions are bound here from the same
        // section so a short MinimumReminderPeriod (tests, demos) is set the same way as everything else.
        builder.Services.AddOptions<ReminderOptions>().Bind(builder.Configuration.GetSection(RemindersSection));

        // A shop period under Orleans' minimum would make every ConnectAsync fail after storing the shop: refuse at start.
        builder.Services.AddValidatedSettings<ShopGrainOptions>(builder.Configuration, ShopGrainOptions.SectionName)
            .Validate<IOptions<ReminderOptions>>(
                (shops, reminders) => shops.ReminderPeriod >= reminders.Value.MinimumReminderPeriod,
                $"{ShopGrainOptions.SectionName}:{nameof(ShopGrainOptions.ReminderPeriod)}: must be at least " +
                $"{RemindersSection}:{nameof(ReminderOptions.MinimumReminderPeriod)} (1 minute unless set)");
        builder.Services.AddSingleton(TimeProvider.System);

        // The shop grains' parts: TikTok client (section TikTokShop), sync and token settings, entity store, key ring.
        builder.Services.AddShopGrains(builder.Configuration);

        // Alert delivery (section Notifications): channels, the Redis outbox and this silo's background sender.
        builder.Services.AddOpenClawNotifications(builder.Configuration);
        builder.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(MembershipTuning.Apply)
            .Bind(builder.Configuration.GetSection(MembershipSection))
            .Validate(MembershipTuning.IsValid, MembershipTuning.ValidationMessage)
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>()
            .Configure(host => host.ShutdownTimeout = DefaultShutdownTimeout)
            .Bind(builder.Configuration.GetSection("HostOptions"));

        // Grain calls appear as spans under the caller's trace (Microsoft.Orleans.* activity sources). The Orleans
        // dashboard (grains, silos, calls) is served at /dashboard (MapSiloEndpoints); the operator dashboard links to it.
        builder.Services.AddValidatedSettings<OrleansDashboardSettings>(builder.Configuration, OrleansDashboardSettings.SectionName);
        builder.UseOrleans(silo =>
        {
            silo.AddActivityPropagation();
            if (OrleansDashboardSettings.IsEnabled(builder.Configuration))
            {
                silo.AddDashboard();
            }
        });

        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("orleans-silo");
        // The OpenClaw.Operations gauges; registered after UseOrleans so the silo has joined membership before they run.
        builder.Services.AddValidatedSettings<OperatorGaugesOptions>(builder.Configuration, OperatorGaugesOptions.SectionName);
        builder.Services.AddHostedService<OperatorGauges>();

        // Registered after UseOrleans: hosted services start in order, so the silo is active before it runs.
        builder.Services.AddValidatedSettings<DemoShopOptions>(builder.Configuration, DemoShopOptions.SectionName);
        if (builder.Configuration.GetValue<bool>($"{DemoShopOptions.SectionName}:{nameof(DemoShopOptions.Enabled)}"))
        {
            builder.Services.AddHttpClient(nameof(DemoShopSeeder));
            builder.Services.AddHostedService<DemoShopSeeder>();
        }
        return builder;
    }
}
