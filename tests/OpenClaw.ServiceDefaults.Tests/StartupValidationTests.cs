using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.ServiceDefaults.Configuration;

namespace OpenClaw.ServiceDefaults.Tests;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("ConnectionStrings:redis", null, true)]
    [InlineData("ConnectionStrings:redis", " ", true)]
    [InlineData("ConnectionStrings:redis", "127.0.0.1:6379,notakeyword=1", true)]
    [InlineData("ConnectionStrings:redis", ",", true)]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url", false)]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://collector:4317", false)]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon", false)]
    [InlineData("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id", false)]
    [InlineData("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=test,=silo-1", false)]
    public async Task A_bad_setting_stops_start_up_with_one_line_naming_it(string key, string? value, bool redis)
    {
        // A missing key is left out entirely, as when the orchestrator never injected it.
        var settings = new Dictionary<string, string?>();
        if (value is not null)
        {
            settings[key] = value;
        }

        var app = TestService.Build(settings, redis);
        // Should validation let the host start, it stops at once and the exit code assertion fails instead of hanging.
        StopOnceStarted(app);
        using var stderr = new StringWriter();

        var exitCode = await app.RunServiceAsync(stderr);

        Assert.Equal(ServiceRunner.ConfigurationErrorExitCode, exitCode);
        var output = stderr.ToString().TrimEnd();
        Assert.DoesNotContain('\n', output);
        Assert.StartsWith("Invalid configuration: ", output, StringComparison.Ordinal);
        Assert.Contains(key, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_settings_start_and_stop_cleanly()
    {
        var app = TestService.Build(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=a,deployment.environment=test",
        });
        using var stderr = new StringWriter();
        StopOnceStarted(app);

        var exitCode = await app.RunServiceAsync(stderr);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, stderr.ToString());
    }

    [Fact]
    public void A_value_the_binder_cannot_convert_is_described_with_its_key()
    {
        var failure = new InvalidOperationException("Failed to convert configuration value at 'Sync:PageSize' to type 'System.Int32'.\n  more");
        Assert.Equal("Invalid configuration: Failed to convert configuration value at 'Sync:PageSize' to type 'System.Int32'.", ServiceRunner.DescribeConfigurationFailure(failure));
        Assert.Null(ServiceRunner.DescribeConfigurationFailure(new InvalidOperationException("something else")));
    }

    private static void StopOnceStarted(WebApplication app)
    {
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(lifetime.StopApplication);
    }
}
