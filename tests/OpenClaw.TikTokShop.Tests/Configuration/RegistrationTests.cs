using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.TikTokShop.Tests.Configuration;

public sealed class RegistrationTests
{
    [Fact]
    public void Configured_client_resolves_with_its_options_budget_and_clock()
    {
        using var provider = Build(new()
        {
            ["TikTokShop:AppKey"] = "k",
            ["TikTokShop:AppSecret"] = "s",
            ["TikTokShop:ServiceId"] = "1",
            ["TikTokShop:MaxRetries"] = "5",
            ["TikTokShop:AttemptTimeout"] = "00:00:03",
        });

        Assert.NotNull(provider.GetRequiredService<TikTokShopClient>());
        Assert.NotNull(provider.GetRequiredService<TikTokShopAuthClient>());
        Assert.IsType<TokenBucketRateBudget>(provider.GetRequiredService<IRateBudget>());
        var options = provider.GetRequiredService<IOptions<TikTokShopOptions>>().Value;
        Assert.Equal(5, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(3), options.AttemptTimeout);
        Assert.Equal("https://open-api.tiktokglobalshop.com", options.ApiBaseUrl);
    }

    [Fact]
    public void Missing_or_invalid_settings_fail_naming_the_configuration_key()
    {
        using var provider = Build(new()
        {
            ["TikTokShop:AppSecret"] = "s",
            ["TikTokShop:ServiceId"] = "1",
            ["TikTokShop:ApiBaseUrl"] = "not a url",
            ["TikTokShop:MaxRetries"] = "99",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TikTokShopOptions>>().Value);

        Assert.Contains("TikTokShop:AppKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("TikTokShop:ApiBaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("TikTokShop:MaxRetries", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTikTokShopClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
