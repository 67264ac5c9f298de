using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenClaw.ServiceDefaults.Telemetry;

/// <summary>
/// The process's tracer and meter providers. They exist only when an OTLP endpoint is configured: with nowhere to
/// send data there is no reason to sample activities at all.
/// </summary>
public sealed class TelemetryProviders : IDisposable
{
    /// <summary>Builds the providers from validated settings.</summary>
    public TelemetryProviders(IOptions<TelemetrySettings> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = options.Value;
        if (!settings.ExportEnabled)
        {
            return;
        }

        var resource = TelemetryRegistration.CreateResource(settings, environment.ApplicationName);
        Tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource([.. TelemetryNames.Sources])
            .AddOtlpExporter(o => TelemetryRegistration.ConfigureExporter(o, settings, "traces"))
            .Build();
        Metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter([.. TelemetryNames.Meters])
            .AddOtlpExporter((exporter, reader) =>
            {
                TelemetryRegistration.ConfigureExporter(exporter, settings, "metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 10_000;
            })
            .Build();
    }

    /// <summary>The tracer provider, or null when export is off.</summary>
    public TracerProvider? Tracing { get; }

    /// <summary>The meter provider, or null when export is off.</summary>
    public MeterProvider? Metrics { get; }

    /// <summary>Pushes whatever is buffered to the exporter.</summary>
    public void Flush(int timeoutMilliseconds = 5000)
    {
        Tracing?.ForceFlush(timeoutMilliseconds);
        Metrics?.ForceFlush(timeoutMilliseconds);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Tracing?.Dispose();
        Metrics?.Dispose();
    }
}

/// <summary>Creates the providers when the host starts and flushes them when it stops; the container disposes them.</summary>
internal sealed class TelemetryLifetime(TelemetryProviders providers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        providers.Flush();
        return Task.CompletedTask;
    }
}
