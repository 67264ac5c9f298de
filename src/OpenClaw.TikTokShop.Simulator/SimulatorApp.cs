using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.TikTokShop.Simulator.Admin;
using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Auth;
using OpenClaw.TikTokShop.Simulator.Chat;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Orders;
using OpenClaw.TikTokShop.Simulator.Data.Products;
using OpenClaw.TikTokShop.Simulator.Endpoints.Account;
using OpenClaw.TikTokShop.Simulator.Endpoints.Analytics;
using OpenClaw.TikTokShop.Simulator.Endpoints.Events;
using OpenClaw.TikTokShop.Simulator.Endpoints.Fulfillment;
using OpenClaw.TikTokShop.Simulator.Endpoints.Orders;
using OpenClaw.TikTokShop.Simulator.Endpoints.Products;
using OpenClaw.TikTokShop.Simulator.Endpoints.ReturnRefund;
using OpenClaw.TikTokShop.Simulator.Faults;
using OpenClaw.TikTokShop.Simulator.Hosting;
using OpenClaw.TikTokShop.Simulator.RateLimits;
using OpenClaw.TikTokShop.Simulator.Truth;
using OpenClaw.TikTokShop.Simulator.Truth.Metrics;
using OpenClaw.TikTokShop.Simulator.Webhooks;
using OpenClaw.ServiceDefaults.Resilience;

namespace OpenClaw.TikTokShop.Simulator;

/// <summary>Builds the simulator: the TikTok Shop API, the auth service, the consent page and the <c>/_sim</c> admin surface on one port.</summary>
public static class SimulatorApp
{
    /// <summary>Creates the application from command-line style arguments (for example <c>--urls</c>, <c>--Simulator:Seed=7</c>).</summary>
    public static WebApplication Create(string[] args) => Create(args, configureServices: null);

    /// <summary>Creates the application; <paramref name="configureServices"/> may replace services (a <see cref="TimeProvider"/> in tests).</summary>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        var services = builder.Services;
        services.AddValidatedSettings<SimulatorSettings>(builder.Configuration, SimulatorSettings.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SimulatedClock>();
        services.AddSingleton<ShopDirectory>();
        services.AddSingleton<ProductCatalog>();
        services.AddSingleton<InventoryOverlay>();
        services.AddSingleton<ProductIncidents>();
        services.AddSingleton<OrderPlanner>();
        services.AddSingleton<GroundTruth>();
        services.AddSingleton<EntityTruth>();
        services.AddSingleton<MetricsTruth>();
        services.AddSingleton<AnalyticsSkew>();
        services.AddSingleton<AuthorizationStore>();
        services.AddSingleton<RequestBudget>();
        services.AddSingleton<DailyQuota>();
        services.AddSingleton<FaultBook>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<IApiEndpoints, AccountEndpoints>();
        services.AddSingleton<IApiEndpoints, OrderEndpoints>();
        services.AddSingleton<IApiEndpoints, ProductEndpoints>();
        services.AddSingleton<IApiEndpoints, ReturnRefundEndpoints>();
        services.AddSingleton<IApiEndpoints, FulfillmentEndpoints>();
        services.AddSingleton<IApiEndpoints, AnalyticsEndpoints>();
        services.AddSingleton<IApiEndpoints, EventEndpoints>();
        services.AddSingleton<ApiGateway>();
        // The sender is TikTok's delivery schedule (3 s timeout, then the configured retry delays, each attempt
        // logged); the standard handler from AddServiceDefaults would retry behind its back and hide failed attempts.
        services.AddHttpClient(WebhookSender.HttpClientName).WithoutStandardResilience();
        services.AddHostedService<WebhookSender>();
        services.AddHostedService<ChangeFeed>();
        services.AddChatReceivers(builder.Configuration);
        configureServices?.Invoke(services);

        var app = builder.Build();
        app.UseMiddleware<FaultMiddleware>();
        app.MapDefaultEndpoints();
        app.MapSimulatorAdmin();
        app.MapAuthService();
        app.MapConsentPage();
        app.MapChatReceivers();
        app.MapFallback((HttpContext http, ApiGateway gateway) => gateway.HandleAsync(http));
        return app;
    }
}
