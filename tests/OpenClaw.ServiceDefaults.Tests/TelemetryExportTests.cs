using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenClaw.TestSupport;

namespace OpenClaw.ServiceDefaults.Tests;

/// <summary>
/// What an operator sees in the OTLP backend: spans from OpenClaw's own sources and from ASP.NET Core arrive over
/// OTLP/HTTP under the configured resource, probes stay out, and nothing is sent when no endpoint is set.
/// </summary>
public sealed class TelemetryExportTests
{
    // Matches the "OpenClaw.*" source ServiceDefaults listens to; the name proves the wildcard, not a fixed list.
    private static readonly ActivitySource TestSource = new("OpenClaw.ServiceDefaults.Tests");

    [Fact]
    public async Task Spans_from_an_OpenClaw_source_reach_the_OTLP_HTTP_receiver_under_the_configured_resource()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync();
        var spanName = "probe-span-" + Guid.NewGuid().ToString("N");
        var app = TestService.Build(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "openclaw-otlp-test",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=silo-7,deployment.environment=test",
        });
        await app.StartAsync(ct);
        using (TestSource.StartActivity(spanName))
        {
        }

        await app.StopAsync(ct); // flushes the batch exporter
        await app.DisposeAsync();

        var span = Assert.Single(receiver.Spans(), s => s.Name == spanName);
        Assert.Equal(TestSource.Name, span.Scope);
        Assert.Equal("openclaw-otlp-test", span.Resource.GetValueOrDefault("service.name"));
        Assert.Equal("silo-7", span.Resource.GetValueOrDefault("service.instance.id"));
        Assert.Equal("test", span.Resource.GetValueOrDefault("deployment.environment"));
        Assert.All(receiver.Requests.Where(r => r.Path == "/v1/traces"), r => Assert.Equal("application/x-protobuf", r.ContentType));
    }

    [Fact]
    public async Task Request_spans_are_exported_with_their_route_but_health_probes_are_not()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync();
        var app = TestService.Build(
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "openclaw-probe-test",
            },
            map: a => a.MapGet("/shops/{id}", (string id) => Results.Ok(id)));
        await app.StartAsync(ct);
        // Every provider in this process sees every server request, so look only at this service's port.
        var port = new Uri(app.Urls.First()).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var client = TestService.ClientFor(app))
        {
            (await client.GetAsync(new Uri("/health", UriKind.Relative), ct)).EnsureSuccessStatusCode();
            (await client.GetAsync(new Uri("/alive", UriKind.Relative), ct)).EnsureSuccessStatusCode();
            (await client.GetAsync(new Uri("/shops/42", UriKind.Relative), ct)).EnsureSuccessStatusCode();
        }

        await app.StopAsync(ct);
        await app.DisposeAsync();

        var serverSpans = receiver.Spans().Where(s => s.Kind == OtlpSpanKind.Server && s.Attribute("server.port") == port).ToList();
        var shop = Assert.Single(serverSpans, s => s.Attribute("url.path") == "/shops/42");
        Assert.Equal("GET /shops/{id}", shop.Name);
        Assert.Equal("/shops/{id}", shop.Attribute("http.route"));
        Assert.Equal("openclaw-probe-test", shop.Resource.GetValueOrDefault("service.name"));
        Assert.DoesNotContain(serverSpans, s => s.Attribute("url.path") is "/health" or "/alive");
    }

    [Fact]
    public async Task Nothing_is_exported_when_no_OTLP_endpoint_is_configured()
    {
        var ct = TestContext.Current.CancellationToken;
        // An exporter added without an endpoint would send to the OTLP/HTTP default; listen there to catch it.
        await using var receiver = await OtlpReceiver.StartAsync(OtlpReceiver.DefaultHttpEndpoint);
        var app = TestService.Build(
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "openclaw-silent-test",
            },
            map: a => a.MapGet("/shops/{id}", (string id) => Results.Ok(id)));
        await app.StartAsync(ct);
        using (TestSource.StartActivity("should-not-export"))
        {
        }

        using (var client = TestService.ClientFor(app))
        {
            (await client.GetAsync(new Uri("/shops/1", UriKind.Relative), ct)).EnsureSuccessStatusCode();
        }

        await app.StopAsync(ct); // would flush traces, metrics and logs to an exporter if there were one
        await app.DisposeAsync();

        Assert.Empty(receiver.Requests);
    }
}
