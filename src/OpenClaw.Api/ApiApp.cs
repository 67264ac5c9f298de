using OpenClaw.Api.Apis;
using OpenClaw.Api.Extensions;
using Scalar.AspNetCore;

namespace OpenClaw.Api;

/// <summary>
/// Builds the agency API: service defaults, Redis, the Orleans client, API-key authentication, RFC 9457 problem
/// details, the OpenAPI document (<c>/openapi/v1.json</c>), the Scalar reference (<c>/scalar</c>) and the
/// <c>/api/v1</c> groups. Tests create it in-process on a free port, like the simulator.
/// </summary>
public static class ApiApp
{
    /// <summary>Creates the application from command-line style arguments (e.g. <c>--urls</c>, <c>--Api:BootstrapAdminKey=…</c>).</summary>
    public static WebApplication Create(string[] args) => Create(args, configureServices: null);

    /// <summary>Creates the application; <paramref name="configureServices"/> may replace services (a <see cref="TimeProvider"/> in tests).</summary>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddApiServices();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseIdempotencyBuffering();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapTenantsApi();
        app.MapShopsApi();
        app.MapShopImportApi();
        app.MapOAuthApi();
        app.MapOpsErrorsApi();
        app.MapMetricsApi();
        app.MapWebhooksApi();
        app.MapAuditApi();
        app.MapAlertsApi();
        app.MapChannelsApi();
        return app;
    }
}
