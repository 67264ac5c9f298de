using OpenClaw.Api.Webhooks;
using OpenClaw.ServiceDefaults.Configuration;

namespace OpenClaw.Api.Extensions;

/// <summary>Registers the TikTok webhook ingress: its settings, the Redis inbox, the counters and the dispatcher.</summary>
public static class WebhookExtensions
{
    /// <summary>Adds <see cref="WebhookOptions"/> (validated), <see cref="WebhookInbox"/>, <see cref="WebhookMetrics"/> and <see cref="WebhookDispatcher"/>.</summary>
    public static IServiceCollection AddWebhookIngress(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<WebhookOptions>(configuration, WebhookOptions.SectionName);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<WebhookInbox>(sp, ApiServiceExtensions.Redis(sp)));
        services.AddSingleton<WebhookMetrics>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
