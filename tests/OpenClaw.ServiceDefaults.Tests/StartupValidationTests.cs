using Microsoft.Extensions.Hosting;
using OpenClaw.ServiceDefaults.Configuration;

namespace OpenClaw.ServiceDefaults.Tests;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("ConnectionStrings:redis", "127.0.0.1:6379,notakeyword=1")]
    [InlineData("ConnectionStrings:redis", ",")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon")]
    [InlineData("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id")]
    public async Task A_bad_setting_stops_start_up_with_one_line_naming_it(string key, string value)
    {
        var app = TestService.Build(new Dictionary<string, string?> { [key] = value });
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
        var lifetime = (IHostApplicationLifetime)app.Services.GetService(typeof(IHostApplicationLifetime))!;
        lifetime.ApplicationStarted.Register(lifetime.StopApplication);

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
}
