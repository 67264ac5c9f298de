using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenClaw.ServiceDefaults.Tests;

/// <summary>
/// The log levels every process starts with: HttpClient's and ASP.NET Core's per-request lines are off, everything
/// else (OpenClaw, Orleans, host lifetime) logs Information, and an operator's setting still wins.
/// </summary>
public sealed class LogLevelDefaultsTests
{
    [Theory]
    [InlineData("System.Net.Http.HttpClient.TikTokShopClient.LogicalHandler", false)]
    [InlineData("System.Net.Http.HttpClient.TikTokShopClient.ClientHandler", false)]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics", false)]
    [InlineData("Microsoft.AspNetCore.Routing.EndpointMiddleware", false)]
    [InlineData("OpenClaw.Grains.Shops.ShopGrain", true)]
    [InlineData("Orleans.Runtime.MembershipService.MembershipAgent", true)]
    [InlineData("Microsoft.Hosting.Lifetime", true)]
    public async Task Per_request_lines_are_off_and_everything_else_logs_information(string category, bool information)
    {
        await using var app = TestService.Build(new Dictionary<string, string?>());
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.Equal(information, logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning), "warnings and errors are always written");
    }

    [Fact]
    public async Task Settings_made_in_code_before_the_defaults_are_kept()
    {
        // UseUrls (TestService.Build) runs before AddServiceDefaults: the service must still listen there, not on 5000.
        await using var app = TestService.Build(new Dictionary<string, string?>());
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = TestService.ClientFor(app);

        Assert.Equal(System.Net.HttpStatusCode.OK, await client.StatusOfAsync("/alive", TestContext.Current.CancellationToken));
        Assert.DoesNotContain(":5000", app.Urls.First(), StringComparison.Ordinal);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_operator_setting_overrides_the_defaults()
    {
        await using var app = TestService.Build(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Information",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("System.Net.Http.HttpClient.TikTokShopClient.LogicalHandler").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("OpenClaw.Grains.Shops.ShopGrain").IsEnabled(LogLevel.Information));
    }
}
