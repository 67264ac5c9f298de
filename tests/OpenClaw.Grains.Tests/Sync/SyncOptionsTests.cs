using System.ComponentModel.DataAnnotations;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Grains.Tests.Sync;

public sealed class SyncOptionsTests
{
    private static readonly Dictionary<string, Action<SyncOptions>> BadValues = new()
    {
        ["negative settle"] = o => o.Settle = TimeSpan.FromSeconds(-1),
        ["negative overlap"] = o => o.Overlap = TimeSpan.FromSeconds(-1),
        ["zero backfill chunk"] = o => o.BackfillChunk = TimeSpan.Zero,
        ["negative product backfill"] = o => o.ProductBackfill = TimeSpan.FromDays(-1),
        ["product backfill over 3 years"] = o => o.ProductBackfill = TimeSpan.FromDays(1097),
        ["negative initial backfill"] = o => o.InitialBackfill = TimeSpan.FromSeconds(-1),
        ["initial backfill over 3 years"] = o => o.InitialBackfill = TimeSpan.FromDays(1097),
        ["sub-second minimum window"] = o => o.MinimumWindow = TimeSpan.FromMilliseconds(999),
        ["zero pages per turn"] = o => o.PagesPerTurn = 0,
        ["101 pages per turn"] = o => o.PagesPerTurn = 101,
        ["negative busy delay"] = o => o.BusyTurnDelay = TimeSpan.FromMilliseconds(-1),
        ["busy delay over idle delay"] = o => o.BusyTurnDelay = o.MaxIdleDelay + TimeSpan.FromSeconds(1),
        ["zero failure backoff"] = o => o.FailureBackoff = TimeSpan.Zero,
        ["failure backoff over max"] = o => o.FailureBackoff = o.MaxBackoff + TimeSpan.FromSeconds(1),
        ["sub-second orders interval"] = o => o.Intervals[SyncDomain.Orders] = TimeSpan.FromMilliseconds(500),
    };

    private static List<ValidationResult> Validate(SyncOptions options) => [.. options.Validate(new ValidationContext(options))];

    [Fact]
    public void Validate_Defaults_Valid() => Assert.Empty(Validate(new SyncOptions()));

    [Fact]
    public void Validate_Boundaries_Valid()
    {
        var options = new SyncOptions
        {
            Settle = TimeSpan.Zero,
            Overlap = TimeSpan.Zero,
            ProductBackfill = TimeSpan.Zero,
            InitialBackfill = TimeSpan.FromDays(1096),
            MinimumWindow = TimeSpan.FromSeconds(1),
            PagesPerTurn = 100,
            BusyTurnDelay = TimeSpan.FromSeconds(30),
            MaxIdleDelay = TimeSpan.FromSeconds(30),
            FailureBackoff = TimeSpan.FromMinutes(10),
            MaxBackoff = TimeSpan.FromMinutes(10),
        };
        options.Intervals[SyncDomain.Orders] = TimeSpan.FromSeconds(1);

        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData("negative settle", nameof(SyncOptions.Settle), "must not be negative")]
    [InlineData("negative overlap", nameof(SyncOptions.Overlap), "must not be negative")]
    [InlineData("zero backfill chunk", nameof(SyncOptions.BackfillChunk), "must be positive")]
    [InlineData("negative product backfill", nameof(SyncOptions.ProductBackfill), "must be 0–1096 days")]
    [InlineData("product backfill over 3 years", nameof(SyncOptions.ProductBackfill), "must be 0–1096 days")]
    [InlineData("negative initial backfill", nameof(SyncOptions.InitialBackfill), "must be 0–1096 days")]
    [InlineData("initial backfill over 3 years", nameof(SyncOptions.InitialBackfill), "must be 0–1096 days")]
    [InlineData("sub-second minimum window", nameof(SyncOptions.MinimumWindow), "must be at least 1 second (TikTok filters whole seconds)")]
    [InlineData("zero pages per turn", nameof(SyncOptions.PagesPerTurn), "must be 1–100")]
    [InlineData("101 pages per turn", nameof(SyncOptions.PagesPerTurn), "must be 1–100")]
    [InlineData("negative busy delay", nameof(SyncOptions.BusyTurnDelay), "must be non-negative and at most MaxIdleDelay")]
    [InlineData("busy delay over idle delay", nameof(SyncOptions.BusyTurnDelay), "must be non-negative and at most MaxIdleDelay")]
    [InlineData("zero failure backoff", nameof(SyncOptions.FailureBackoff), "must be positive and at most MaxBackoff")]
    [InlineData("failure backoff over max", nameof(SyncOptions.FailureBackoff), "must be positive and at most MaxBackoff")]
    [InlineData("sub-second orders interval", nameof(SyncOptions.Intervals), "Orders must be at least 1 second")]
    public void Validate_BadValue_OneMessageNamingTheSetting(string badValue, string member, string message)
    {
        var options = new SyncOptions();
        BadValues[badValue](options);

        var result = Assert.Single(Validate(options));

        Assert.Equal(message, result.ErrorMessage);
        Assert.Equal([member], result.MemberNames);
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEach()
    {
        var options = new SyncOptions { Settle = TimeSpan.FromSeconds(-1), PagesPerTurn = 0 };
        options.Intervals[SyncDomain.Returns] = TimeSpan.Zero;
        options.Intervals[SyncDomain.Products] = TimeSpan.Zero;

        var results = Validate(options);

        Assert.Equal(
            ["Settle", "PagesPerTurn", "Intervals", "Intervals"],
            results.Select(r => r.MemberNames.Single()));
        Assert.Contains(results, r => r.ErrorMessage == "Returns must be at least 1 second");
        Assert.Contains(results, r => r.ErrorMessage == "Products must be at least 1 second");
    }

    [Fact]
    public void ChunkOf_Products_WholeProductBackfillOthersBackfillChunk()
    {
        var options = new SyncOptions { BackfillChunk = TimeSpan.FromHours(6), ProductBackfill = TimeSpan.FromDays(400) };

        Assert.Equal(TimeSpan.FromDays(400), options.ChunkOf(SyncDomain.Products));
        Assert.Equal(TimeSpan.FromHours(6), options.ChunkOf(SyncDomain.Orders));
        Assert.Equal(TimeSpan.FromHours(6), options.ChunkOf(SyncDomain.Packages));
    }

    [Fact]
    public void IntervalOf_ShopOverrideThenConfiguredThenFiveMinutes()
    {
        var options = new SyncOptions();
        options.Intervals.Remove(SyncDomain.Packages);
        var overrides = new Dictionary<SyncDomain, TimeSpan> { [SyncDomain.Orders] = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(30), options.IntervalOf(SyncDomain.Orders, overrides));
        Assert.Equal(TimeSpan.FromMinutes(15), options.IntervalOf(SyncDomain.Products, overrides));
        Assert.Equal(TimeSpan.FromMinutes(2), options.IntervalOf(SyncDomain.Orders, null));
        Assert.Equal(TimeSpan.FromMinutes(5), options.IntervalOf(SyncDomain.Packages, overrides));
    }
}
