using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Budget;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Resilience;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.Budget;

public sealed class RateBudgetOptionsTests
{
    [Fact]
    public void Validate_Defaults_WithAnAppKey_AreValid()
    {
        Assert.Empty(RateBudgetOptionsValidator.Failures(new RateBudgetOptions { AppKey = "29a39d" }));
    }

    [Theory]
    [InlineData("AppKey", "", "RateBudget:AppKey: required")]
    [InlineData("AppKey", "app}key", "RateBudget:AppKey: at most 64 characters")]
    [InlineData("PerAppPerSecond", "0", "RateBudget:PerAppPerSecond: must be greater than 0")]
    [InlineData("PerShopPerSecond", "60", "RateBudget:PerShopPerSecond: must be greater than 0 and at most 50")]
    [InlineData("DailyQuota", "0", "RateBudget:DailyQuota: must be greater than 0")]
    [InlineData("QuotaDayTimeZone", "Mars/Olympus_Mons", "RateBudget:QuotaDayTimeZone: 'Mars/Olympus_Mons' is not a known time zone")]
    [InlineData("QuotaPause", "00:00:00", "RateBudget:QuotaPause: must be positive")]
    [InlineData("MaxPauseWait", "-00:00:01", "RateBudget:MaxPauseWait: must not be negative")]
    [InlineData("BackfillRateReserve", "1", "RateBudget:BackfillRateReserve: must be at least 0 and below 1")]
    [InlineData("WebhookQuotaReserve", "0.5", "RateBudget:BackfillQuotaReserve: reserves must not shrink with priority")]
    [InlineData("BurstSeconds", "0.01", "RateBudget:BurstSeconds: PerAppPerSecond × BurstSeconds")]
    [InlineData("RecentRateWindow", "00:00:10", "RateBudget:RecentRateWindow: must be between")]
    public void AddRateBudget_BadSetting_FailsAtStartNamingTheKey(string key, string value, string expected)
    {
        using var services = Provider(new() { ["RateBudget:AppKey"] = "29a39d", [$"RateBudget:{key}"] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AddRateBudget_BadPollingSetting_FailsAtStartNamingTheKey()
    {
        using var services = Provider(new() { ["RateBudget:AppKey"] = "29a39d", ["RateBudget:Polling:MinimumInterval"] = "00:00:00" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.StartsWith("RateBudget:Polling:MinimumInterval:", StringComparison.Ordinal));
    }

    [Fact]
    public void RateBudget_ConstructedWithBadOptions_Throws()
    {
        using var redis = ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { "127.0.0.1:1" }, AbortOnConnectFail = false });

        var ex = Assert.Throws<OptionsValidationException>(() => new RateBudget(redis, new RateBudgetOptions()));

        Assert.Contains(ex.Failures, f => f.StartsWith("RateBudget:AppKey:", StringComparison.Ordinal));
    }

    [Fact]
    [Trait(RedisTrait.Name, RedisTrait.Value)]
    public async Task AddRateBudget_ValidSettings_ReplacesTheInProcessDefaultWithTheClusterBudget()
    {
        await using var redis = await BudgetRedis.ConnectAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IRateBudget>(new TokenBucketRateBudget());
        services.AddKeyedSingleton<IConnectionMultiplexer>(RateBudgetServiceCollectionExtensions.RedisServiceKey, redis);
        services.AddRateBudget(Configuration(new() { ["RateBudget:AppKey"] = "app-" + Guid.NewGuid().ToString("N")[..12], ["RateBudget:DailyQuota"] = "200000" }));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var budget = provider.GetRequiredService<IRateBudget>();
        var usage = await provider.GetRequiredService<RateBudget>().GetUsageAsync();

        Assert.Same(provider.GetRequiredService<RateBudget>(), budget);
        Assert.Single(provider.GetServices<IRateBudget>());
        Assert.Equal(200_000, usage.DailyQuota);
        Assert.NotNull(provider.GetRequiredService<PollingPlanner>());
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddRateBudget(Configuration(settings)).BuildServiceProvider();

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
