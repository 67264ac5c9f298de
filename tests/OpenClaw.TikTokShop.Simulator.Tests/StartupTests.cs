using Microsoft.Extensions.Options;
using OpenClaw.ServiceDefaults.Configuration;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class StartupTests
{
    [Theory]
    [InlineData("--Simulator:ShopCount=0", "Simulator:ShopCount")]
    [InlineData("--Simulator:RateLimit:PerShopPerSecond=0", "RateLimit:PerShopPerSecond")]
    [InlineData("--Simulator:Webhooks:RetryDelaysSeconds:0=-1", "Webhooks:RetryDelaysSeconds")]
    [InlineData("--Simulator:RateLimit:DailyQuota=-1", "Simulator:RateLimit:DailyQuota")]
    [InlineData("--Simulator:RateLimit:QuotaPauseSeconds=0", "Simulator:RateLimit:QuotaPauseSeconds")]
    [InlineData("--Simulator:ActivitySpread=7", "Simulator:ActivitySpread")]
    public async Task An_invalid_setting_stops_start_up_naming_the_key(string setting, string key)
    {
        var app = SimulatorApp.Create(["--urls", $"http://127.0.0.1:{FreePort.Next()}", setting, "--Logging:LogLevel:Default=None"]);
        await using (app)
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));
            Assert.Contains(key, ServiceRunner.DescribeConfigurationFailure(error), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ActivitySpread_UnknownName_StopsStartUpNamingTheKey()
    {
        var app = SimulatorApp.Create(["--urls", $"http://127.0.0.1:{FreePort.Next()}", "--Simulator:ActivitySpread=Wild", "--Logging:LogLevel:Default=None"]);
        await using (app)
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(TestContext.Current.CancellationToken));
            Assert.Contains("Simulator:ActivitySpread", ServiceRunner.DescribeConfigurationFailure(error), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Health_endpoints_answer_without_faults_or_signatures()
    {
        await using var host = await SimulatorHost.StartAsync();
        await host.AdminAsync(HttpMethod.Post, "/_sim/faults", new { kind = "http_status", status = 503 });
        using var alive = await host.Http.GetAsync("/alive", TestContext.Current.CancellationToken);
        using var health = await host.Http.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.True(alive.IsSuccessStatusCode && health.IsSuccessStatusCode);
    }
}
