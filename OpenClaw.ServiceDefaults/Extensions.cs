using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.ServiceDefaults.Health;
using OpenClaw.ServiceDefaults.Redis;
using OpenClaw.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every OpenClaw process starts with, shaped like the Aspire service-defaults template but built
/// only on packages that restore here: OpenTelemetry with the core SDK, health endpoints, the shared Redis
/// connection and start-up validation of settings.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Path of the readiness endpoint (includes dependencies such as Redis).</summary>
    public const string HealthPath = "/health";

    /// <summary>Path of the liveness endpoint (the process answers).</summary>
    public const string AlivePath = "/alive";

    /// <summary>Adds telemetry, health checks, the Redis connection (when configured) and settings validation.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddRedisConnection();
        builder.Services.AddHttpClient();
        return builder;
    }

    /// <summary>Wires OpenTelemetry tracing, metrics and logs; exports over OTLP only when an endpoint is configured.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedSettings<TelemetrySettings>(builder.Configuration, sectionName: null);
        builder.AddOpenClawTelemetry();
        return builder;
    }

    /// <summary>Registers the liveness check; readiness checks (Redis) are added by the features that need them.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        return builder;
    }

    /// <summary>Maps <c>/health</c> (every check) and <c>/alive</c> (liveness checks only).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return app;
    }
}
