using OpenClaw.Grains.Shops;

namespace OpenClaw.Grains.Tests.Shops;

public sealed class ShopRulesTests
{
    private static readonly ShopRegistration Valid = new("tenant-a", "时尚小店", "MY");

    [Theory]
    [InlineData("US", "America/Los_Angeles")]
    [InlineData("GB", "Europe/London")]
    [InlineData("UK", "Europe/London")]
    [InlineData("my", "Asia/Kuala_Lumpur")]
    [InlineData("ID", "Asia/Jakarta")]
    [InlineData("ZZ", "UTC")]
    public void DefaultTimeZone_Region_IsTheMarketsReportingZone(string region, string expected) =>
        Assert.Equal(expected, ShopRules.DefaultTimeZone(region));

    [Fact]
    public void DefaultTimeZone_EveryKnownRegion_IsAZoneThisMachineKnows()
    {
        foreach (var region in new[] { "US", "UK", "GB", "MY", "SG", "TH", "PH", "VN", "ID", "MX", "ES", "DE", "FR", "IT", "JP", "BR" })
        {
            Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(ShopRules.DefaultTimeZone(region), out _), region);
        }
    }

    [Fact]
    public void Validate_CompleteRegistration_Passes() => ShopRules.Validate(Valid);

    [Theory]
    [InlineData("", "shop", "US")]
    [InlineData("  ", "shop", "US")]
    [InlineData("tenant", "", "US")]
    [InlineData("tenant", "shop", "USA")]
    [InlineData("tenant", "shop", "U")]
    [InlineData("tenant", "shop", "U1")]
    [InlineData("tenant", "shop", "美国")]
    public void Validate_IncompleteOrBadRegion_Throws(string tenant, string name, string region) =>
        Assert.Throws<ArgumentException>(() => ShopRules.Validate(new ShopRegistration(tenant, name, region)));

    [Fact]
    public void Normalise_Tags_TrimmedDeduplicatedAndOrdered()
    {
        var settings = ShopRules.Normalise(new ShopSettings("Asia/Shanghai", [" vip ", "apparel", "vip", "美妆"], Paused: false));

        Assert.Equal(["apparel", "vip", "美妆"], settings.Tags);
        Assert.Equal("Asia/Shanghai", settings.TimeZone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("GMT+8 Beijing")]
    public void Normalise_UnknownTimeZone_Throws(string zone) =>
        Assert.Throws<ArgumentException>(() => ShopRules.Normalise(new ShopSettings(zone, [], Paused: false)));

    [Fact]
    public void Normalise_EmptyTag_Throws() =>
        Assert.Throws<ArgumentException>(() => ShopRules.Normalise(new ShopSettings("UTC", ["ok", "  "], Paused: false)));

    [Fact]
    public void Normalise_TagAtLimit_PassesAndOneLonger_Throws()
    {
        ShopRules.Normalise(new ShopSettings("UTC", [new string('x', ShopRules.MaxTagLength)], Paused: false));

        Assert.Throws<ArgumentException>(() =>
            ShopRules.Normalise(new ShopSettings("UTC", [new string('x', ShopRules.MaxTagLength + 1)], Paused: false)));
    }

    [Fact]
    public void Normalise_TooManyDistinctTags_ThrowsButDuplicatesDoNotCount()
    {
        var atLimit = Enumerable.Range(0, ShopRules.MaxTags).Select(i => $"t{i}").ToList();
        ShopRules.Normalise(new ShopSettings("UTC", [.. atLimit, .. atLimit], Paused: false));

        Assert.Throws<ArgumentException>(() => ShopRules.Normalise(new ShopSettings("UTC", [.. atLimit, "one-more"], Paused: false)));
    }

    [Fact]
    public void Normalise_NullTags_MeansNoTags() =>
        Assert.Empty(ShopRules.Normalise(new ShopSettings("UTC", null!, Paused: true)).Tags);

    [Fact]
    public void Normalise_WarehouseNames_TrimmedAndKept()
    {
        var settings = ShopRules.Normalise(new ShopSettings("UTC", [], false, new Dictionary<string, string> { ["7301"] = "  深圳仓 " }));

        Assert.Equal("深圳仓", settings.WarehouseNames!["7301"]);
    }

    [Theory]
    [InlineData("wh-1", "Shenzhen")]
    [InlineData("7301", "")]
    [InlineData("7301", "                                                                                 too long name beyond the limit")]
    public void Normalise_BadWarehouseIdOrName_Throws(string id, string name) =>
        Assert.Throws<ArgumentException>(() => ShopRules.Normalise(new ShopSettings("UTC", [], false, new Dictionary<string, string> { [id] = name + new string('x', name.Length > 10 ? 64 : 0) })));

    [Theory]
    [InlineData(29)]
    [InlineData(8 * 24 * 3600)]
    public void Normalise_SyncIntervalOutsideBounds_Throws(int seconds) =>
        Assert.Throws<ArgumentException>(() => ShopRules.Normalise(new ShopSettings("UTC", [], false, null,
            new Dictionary<OpenClaw.Grains.Sync.SyncDomain, TimeSpan> { [OpenClaw.Grains.Sync.SyncDomain.Orders] = TimeSpan.FromSeconds(seconds) })));

    [Fact]
    public void Normalise_SyncIntervalWithinBounds_Kept()
    {
        var intervals = new Dictionary<OpenClaw.Grains.Sync.SyncDomain, TimeSpan> { [OpenClaw.Grains.Sync.SyncDomain.Products] = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromHours(1), ShopRules.Normalise(new ShopSettings("UTC", [], false, null, intervals)).SyncIntervals![OpenClaw.Grains.Sync.SyncDomain.Products]);
    }
}
