using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.ServiceDefaults.Telemetry;

namespace OpenClaw.ServiceDefaults.Tests;

public sealed partial class TelemetryExportTests
{
    private static readonly ActivitySource TestSource = new("OpenClaw.Test");

    [GeneratedRegex(@"url\.path.{1,8}/(health|alive)", RegexOptions.Singleline)]
    private static partial Regex ServerProbeSpan();

    [Fact]
    public async Task Spans_reach_the_OTLP_HTTP_endpoint_with_the_service_name_when_it_is_configured()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var spanName = "probe-span-" + Guid.NewGuid().ToString("N");
        var app = TestService.Build(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "openclaw-otlp-test",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=silo-7,deployment.environment=test",
        });
        await app.StartAsync();
        using (TestSource.StartActivity(spanName))
        {
        }

        await app.StopAsync(); // flushes the batch exporter
        await app.DisposeAsync();

        var traces = receiver.Bodies("/v1/traces").Select(b => Encoding.UTF8.GetString(b)).ToList();
        Assert.Contains(traces, t => t.Contains(spanName, StringComparison.Ordinal));
        Assert.Contains(traces, t => t.Contains("openclaw-otlp-test", StringComparison.Ordinal) && t.Contains("silo-7", StringComparison.Ordinal));
        Assert.All(receiver.Requests.Where(r => r.Path == "/v1/traces"), r => Assert.Equal("application/x-protobuf", r.ContentType));
    }

    [Fact]
    public async Task Nothing_is_sent_when_no_OTLP_endpoint_is_configured()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var app = TestService.Build(new Dictionary<string, string?> { ["OTEL_SERVICE_NAME"] = "openclaw-silent-test" });
        await app.StartAsync();
        var providers = app.Services.GetRequiredService<TelemetryProviders>();
        using (TestSource.StartActivity("should-not-export"))
        {
        }

        await app.StopAsync();
        await app.DisposeAsync();

        Assert.Null(providers.Tracing);
        Assert.Null(providers.Metrics);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Health_probes_are_not_traced_but_other_requests_are_with_their_route()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var app = TestService.Build(
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            },
            a => a.MapGet("/shops/{id}", (string id) => Results.Ok(id)));
        await app.StartAsync();
        using (var client = TestService.ClientFor(app))
        {
            (await client.GetAsync(new Uri("/health", UriKind.Relative))).EnsureSuccessStatusCode();
            (await client.GetAsync(new Uri("/alive", UriKind.Relative))).EnsureSuccessStatusCode();
            (await client.GetAsync(new Uri("/shops/42", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        await app.StopAsync();
        await app.DisposeAsync();

        var traces = string.Concat(receiver.Bodies("/v1/traces").Select(b => Encoding.UTF8.GetString(b)));
        Assert.Contains("GET /shops/{id}", traces, StringComparison.Ordinal);
        // The test's own HttpClient spans mention the probe URLs in url.full; the server must not trace them.
        Assert.DoesNotMatch(ServerProbeSpan(), traces);
    }
}
