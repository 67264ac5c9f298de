using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;

namespace OpenClaw.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry without <c>OpenTelemetry.Extensions.Hosting</c> (it does not restore here): the tracer and meter
/// providers are built with the core SDK, owned by the container, started by a hosted service and flushed and
/// disposed when the host stops.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>Registers tracing, metrics and logging for this process.</summary>
    public static IHostApplicationBuilder AddOpenClawTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.Get<TelemetrySettings>() ?? new TelemetrySettings();

        builder.Services.TryAddSingleton<TelemetryProviders>();
        builder.Services.AddHostedService<TelemetryLifetime>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, HealthProbeTraceFilter>());

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.SetResourceBuilder(CreateResource(settings, builder.Environment.ApplicationName));
            if (settings.ExportEnabled && Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out _))
            {
                logging.AddOtlpExporter(o => ConfigureExporter(o, settings, "logs"));
            }
        });
        return builder;
    }

    internal static ResourceBuilder CreateResource(TelemetrySettings settings, string applicationName)
    {
        var attributes = settings.ParseResourceAttributes();
        var instanceId = attributes.FirstOrDefault(a => a.Key == "service.instance.id").Value?.ToString();
        return ResourceBuilder.CreateEmpty()
            .AddService(
                serviceName: string.IsNullOrWhiteSpace(settings.ServiceName) ? applicationName : settings.ServiceName,
                serviceInstanceId: instanceId,
                autoGenerateServiceInstanceId: instanceId is null)
            .AddAttributes(attributes.Where(a => a.Key != "service.instance.id"));
    }

    internal static void ConfigureExporter(OtlpExporterOptions options, TelemetrySettings settings, string signal)
    {
        var endpoint = new Uri(settings.OtlpEndpoint!.TrimEnd('/') + "/", UriKind.Absolute);
        if (settings.UsesHttpProtobuf)
        {
            // Set in code, the exporter uses the endpoint as-is; the spec says the signal path is appended to the base.
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
            options.Endpoint = new Uri(endpoint, "v1/" + signal);
        }
        else
        {
            options.Protocol = OtlpExportProtocol.Grpc;
            options.Endpoint = new Uri(settings.OtlpEndpoint!);
        }
    }
}
