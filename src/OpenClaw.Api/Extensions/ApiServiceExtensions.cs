using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Http.Json;
using OpenClaw.Api.Access;
using OpenClaw.Api.Audit;
using OpenClaw.Api.Alerts;
using OpenClaw.Api.Errors;
using OpenClaw.Api.Metrics;
using OpenClaw.Api.OpsErrors;
using OpenClaw.Api.Shops;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Hosting;
using OpenClaw.Grains.Metrics.Queries;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.Grains.ReadModels;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.ServiceDefaults.Redis;
using OpenClaw.TikTokShop.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OpenClaw.Api.Extensions;

/// <summary>Everything the API registers (the service layout of dotnet/eShop: all DI here, <c>Program.cs</c> stays a few lines).</summary>
public static class ApiServiceExtensions
{
    /// <summary>
    /// Adds Redis, the Orleans client (configured from the <c>Orleans</c> section Aspire injects: clustering provider
    /// <c>Redis</c> with service key <c>redis</c>, <c>ClusterId</c>, <c>ServiceId</c>), the TikTok auth client (consent
    /// URLs), Data Protection with the cluster's key ring in Redis (signed OAuth state), API-key authentication and
    /// scope policies, problem details, snake_case JSON that refuses unknown fields, and the OpenAPI document.
    /// </summary>
    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddOpenClawRedis();
        services.AddValidatedSettings<ApiOptions>(builder.Configuration, ApiOptions.SectionName);
        services.AddSingleton(TimeProvider.System);

        var responseTimeout = builder.Configuration.GetValue<TimeSpan?>($"{ApiOptions.SectionName}:{nameof(ApiOptions.GrainResponseTimeout)}")
            ?? ApiOptions.DefaultGrainResponseTimeout;
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
            // Silos that join after a failover become gateways within seconds, not the default minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
            client.Services.AddSingleton<GatewayLossSignal>();
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<GatewayLossSignal>());
            client.AddActivityPropagation();
        });

        services.AddTikTokShopClient(builder.Configuration);
        services.AddDataProtection().SetApplicationName("OpenClaw");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlRepository = new RedisXmlRepository(() => Redis(sp).GetDatabase(), GrainServiceExtensions.KeyRingKey));

        services.AddSingleton(sp => new TenantIndex(Redis(sp)));
        services.AddSingleton(sp => new ShopReadModel(Redis(sp)));
        services.AddSingleton(sp => new ApiKeyStore(Redis(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ApiOptions>>().Value.KeyCacheLifetime));
        services.AddSingleton(sp => new TenantStore(Redis(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OAuthStateProtector>(sp, Redis(sp)));
        services.AddSingleton<ShopCatalog>();
        services.AddSingleton(sp => new EntityStore(Redis(sp)));
        services.AddKeyedSingleton<IConnectionMultiplexer>(BulkConnectionName, (sp, _) => ConnectBulk(Redis(sp)));
        services.AddSingleton(sp => new MetricsQuery(BulkRedis(sp), sp.GetRequiredService<EntityStore>(), sp.GetRequiredService<ShopReadModel>()));
        services.AddSingleton(sp => new OpsErrorSearch(BulkRedis(sp), sp.GetRequiredService<IOptions<OpsErrorOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddValidatedSettings<MetricsCacheOptions>(builder.Configuration, MetricsCacheOptions.SectionName);
        services.AddSingleton<MetricsSnapshots>();
        services.AddSingleton<SharedMetrics>();
        services.AddSingleton<GrainCalls>();
        services.AddOpsErrors(builder.Configuration);

        services.AddWebhookIngress(builder.Configuration);
        services.AddApiRateLimiting(builder.Configuration);
        services.AddIdempotency(builder.Configuration);
        services.AddValidatedSettings<ImportOptions>(builder.Configuration, ImportOptions.SectionName);
        services.AddValidatedSettings<OpsErrorIngestOptions>(builder.Configuration, OpsErrorIngestOptions.SectionName);
        services.AddValidatedSettings<AuditOptions>(builder.Configuration, AuditOptions.SectionName);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AuditLog>(sp, Redis(sp)));
        services.AddAlertApis(builder.Configuration);

        services.AddApiKeyAuthentication();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions.TryAdd("trace_id", ctx.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Malformed requests (bad JSON, wrong types) throw BadHttpRequestException, which the handler turns into a 400 problem.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.AddOpenApi();
        return builder;
    }

    /// <summary>The API's JSON: snake_case names and enum values, ISO 8601 times with offsets, unknown fields refused.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
    }

    /// <summary>The API's Redis connection (the keyed client Aspire registers).</summary>
    internal static IConnectionMultiplexer Redis(IServiceProvider sp) =>
        sp.GetRequiredKeyedService<IConnectionMultiplexer>(RedisExtensions.ConnectionName);

    /// <summary>Service key of the connection for bulk reads.</summary>
    public const string BulkConnectionName = "redis-bulk";

    /// <summary>
    /// The connection of the bulk reads: ops-error search and export, tenant-wide metrics (10⁴–10⁵ commands per
    /// request). It is a second connection to the same store without the Redis command tracing Aspire adds to the
    /// first: that tracing holds every command a traced request sends until it turns them into spans (every 10 s, not
    /// configurable through Aspire), so a 300,000-row export held its commands and grew the live heap past 100 MiB
    /// (docs/benchmarks.md, "csv"). The request's own span still covers the read. Interactive commands keep the first
    /// connection, so a bulk read does not queue ahead of them.
    /// </summary>
    internal static IConnectionMultiplexer BulkRedis(IServiceProvider sp) => sp.GetRequiredKeyedService<IConnectionMultiplexer>(BulkConnectionName);

    private static ConnectionMultiplexer ConnectBulk(IConnectionMultiplexer traced)
    {
        var options = ConfigurationOptions.Parse(traced.Configuration);
        options.AbortOnConnectFail = false; // a store down at first use fails the request (503), not the service
        return ConnectionMultiplexer.Connect(options);
    }
}
