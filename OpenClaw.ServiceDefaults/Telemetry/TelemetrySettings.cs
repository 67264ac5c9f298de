using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace OpenClaw.ServiceDefaults.Telemetry;

/// <summary>The standard OpenTelemetry environment settings, read through configuration.</summary>
public sealed class TelemetrySettings : IValidatableObject
{
    /// <summary>Base URL of the OTLP receiver; nothing is exported when empty.</summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_PROTOCOL")]
    public string? OtlpProtocol { get; set; }

    /// <summary>Service name; when unset the OpenTelemetry SDK reports <c>unknown_service:&lt;process name&gt;</c>.</summary>
    [ConfigurationKeyName("OTEL_SERVICE_NAME")]
    public string? ServiceName { get; set; }

    /// <summary>Comma-separated <c>key=value</c> resource attributes, e.g. <c>service.instance.id=silo-1</c>.</summary>
    [ConfigurationKeyName("OTEL_RESOURCE_ATTRIBUTES")]
    public string? ResourceAttributes { get; set; }

    /// <summary>True when an OTLP endpoint is configured.</summary>
    public bool ExportEnabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    /// <summary>True for OTLP over HTTP with protobuf bodies.</summary>
    public bool UsesHttpProtobuf => string.Equals(OtlpProtocol?.Trim(), "http/protobuf", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ExportEnabled && (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("must be an absolute http(s) URL such as http://localhost:4317", [nameof(OtlpEndpoint)]);
        }

        if (!string.IsNullOrWhiteSpace(OtlpProtocol) && !UsesHttpProtobuf && !string.Equals(OtlpProtocol.Trim(), "grpc", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("must be 'grpc' or 'http/protobuf'", [nameof(OtlpProtocol)]);
        }

        var malformed = (ResourceAttributes ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(pair => pair.IndexOf('=', StringComparison.Ordinal) <= 0);
        if (malformed is not null)
        {
            yield return new ValidationResult($"entry '{malformed}' is not key=value", [nameof(ResourceAttributes)]);
        }
    }
}
