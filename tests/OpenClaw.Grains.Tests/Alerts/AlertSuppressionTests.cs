using Microsoft.Extensions.Time.Testing;
using OpenClaw.Grains.Alerts;

namespace OpenClaw.Grains.Tests.Alerts;

/// <summary>Silences, mute windows and inhibition in the router.</summary>
public sealed class AlertSuppressionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero)); // a Monday
    private readonly AlertTestData _data;

    public AlertSuppressionTests() => _data = new AlertTestData(_time);

    private AlertRouter Router(IReadOnlyList<AlertSilence>? silences = null, IReadOnlyList<MuteTimeInterval>? windows = null,
        IReadOnlyList<InhibitRule>? inhibit = null, IReadOnlyList<string>? routeWindows = null) =>
        new("agency-1", new AlertRoutingPolicy([new AlertRoute([], ["wecom"], GroupBy: ["tenant"], MuteTimeIntervals: routeWindows)],
            silences ?? [], windows ?? [], inhibit ?? []), new AlertRouterState(), _time);

    private AlertSilence Silence(TimeSpan lasts, params LabelMatcher[] matchers) =>
        new("s", matchers, _time.GetUtcNow(), _time.GetUtcNow() + lasts, "li.wei");

    private List<AlertNotification> FiringAfter(AlertRouter router, TimeSpan wait)
    {
        _time.Advance(wait);
        return router.Flush().SelectMany(n => n.Firing).ToList();
    }

    [Theory]
    [InlineData(MatchOperator.Equal, "shop-a", new[] { "shop-b", "shop-c" })]
    [InlineData(MatchOperator.NotEqual, "shop-a", new[] { "shop-a" })]
    [InlineData(MatchOperator.Regex, "shop-(a|b)", new[] { "shop-c" })]
    [InlineData(MatchOperator.Regex, "shop", new[] { "shop-a", "shop-b", "shop-c" })] // anchored: "shop" does not match "shop-a"
    [InlineData(MatchOperator.NotRegex, "shop-(a|b)", new[] { "shop-a", "shop-b" })]
    public void Silence_Matchers_LeaveOutMatchingAlerts(MatchOperator op, string value, string[] notified)
    {
        var router = Router([Silence(TimeSpan.FromHours(1), new LabelMatcher(AlertLabels.Shop, op, value))]);
        foreach (var shop in new[] { "shop-a", "shop-b", "shop-c" })
        {
            router.Receive(_data.Fire(shop, AlertMetrics.RefundRate));
        }

        Assert.Equal(notified, FiringAfter(router, TimeSpan.FromSeconds(30)).Select(a => a.ShopId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Silence_Ended_AlertIsNotifiedAtTheNextFlush()
    {
        var router = Router([Silence(TimeSpan.FromMinutes(10), new LabelMatcher(AlertLabels.Shop, MatchOperator.Equal, "shop-a"))]);
        router.Receive(_data.Fire("shop-a", AlertMetrics.RefundRate));

        Assert.Empty(FiringAfter(router, TimeSpan.FromSeconds(30)));
        Assert.Empty(FiringAfter(router, TimeSpan.FromMinutes(5)));
        Assert.Equal(["shop-a"], FiringAfter(router, TimeSpan.FromMinutes(5)).Select(a => a.ShopId));
    }

    [Fact]
    public void Silence_FromTheAlertBook_SilencesThatAlertOnly()
    {
        var fired = _data.Raise("shop-a", InstantEventKind.PolicyViolation, "V-1");
        var other = _data.Raise("shop-a", InstantEventKind.PolicyViolation, "V-2");
        var silence = _data.Book("shop-a").Silence(fired.Fingerprint, "li.wei", _time.GetUtcNow().AddHours(1))!;
        var router = Router([silence]);
        router.Receive(fired);
        router.Receive(other);

        Assert.Equal(["V-2"], FiringAfter(router, TimeSpan.FromSeconds(30)).Select(a => a.Labels[AlertLabels.Subject]));
    }

    [Fact]
    public void MuteWindow_NightInShanghai_HoldsNotificationsUntilMorning()
    {
        // 01:00 UTC = 09:00 in Shanghai; quiet hours 22:00–08:00 local.
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero)); // 22:00 Shanghai
        var night = new MuteTimeInterval("night", "Asia/Shanghai",
            [new TimeIntervalSpec([], [TimeOfDayRange.Parse("22:00", "24:00"), TimeOfDayRange.Parse("00:00", "08:00")])]);
        var router = Router(windows: [night], routeWindows: ["night"]);
        router.Receive(_data.Fire("shop-a", AlertMetrics.RefundRate));

        var muted = new List<AlertNotification>();
        for (var i = 0; i < 120; i++)
        {
            muted.AddRange(FiringAfter(router, i == 0 ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(5))); // until 07:55:30
        }

        Assert.Empty(muted);
        Assert.Equal(["shop-a"], FiringAfter(router, TimeSpan.FromMinutes(5)).Select(a => a.ShopId)); // 08:00:30
    }

    [Theory]
    // New York, autumn 2026: 01:00–02:00 local happens twice (EDT, then EST); both are muted.
    [InlineData("2026-11-01T05:30:00Z", true)]
    [InlineData("2026-11-01T06:30:00Z", true)]
    [InlineData("2026-11-01T07:00:00Z", false)]
    [InlineData("2026-11-01T04:59:00Z", false)]
    // Spring 2026: 02:00 jumps to 03:00, so a 02:00–03:00 window never occurs.
    [InlineData("2026-03-08T06:59:00Z", false)]
    [InlineData("2026-03-08T07:00:00Z", false)]
    public void MuteWindow_AcrossDaylightSavingChanges_FollowsTheWallClock(string instant, bool muted)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        var window = new MuteTimeInterval("w", "America/New_York",
            [new TimeIntervalSpec([DayOfWeek.Sunday], [at.Month == 11 ? TimeOfDayRange.Parse("01:00", "02:00") : TimeOfDayRange.Parse("02:00", "03:00")])]);

        Assert.Equal(muted, MuteTimeWindows.IsActive(window, at));
    }

    [Fact]
    public void MuteWindow_Weekdays_AreTheLocalDay()
    {
        var weekend = new MuteTimeInterval("weekend", "Asia/Shanghai", [new TimeIntervalSpec([DayOfWeek.Saturday, DayOfWeek.Sunday], [])]);

        Assert.True(MuteTimeWindows.IsActive(weekend, new DateTimeOffset(2026, 3, 6, 16, 0, 0, TimeSpan.Zero))); // Sat 00:00 in Shanghai, Fri in UTC
        Assert.False(MuteTimeWindows.IsActive(weekend, new DateTimeOffset(2026, 3, 8, 16, 0, 0, TimeSpan.Zero))); // Mon 00:00 in Shanghai
    }

    [Fact]
    public void Inhibition_NeedsReauthorization_MutesThatShopsSyncAlertsOnly_UntilItResolves()
    {
        var router = Router(inhibit: AlertRoutingDefaults.InhibitRules);
        router.Receive(_data.Raise("shop-a", InstantEventKind.NeedsReauthorization));
        router.Receive(_data.Fire("shop-a", AlertMetrics.SyncLagSeconds, 7200));
        router.Receive(_data.Raise("shop-a", InstantEventKind.SyncStalled, "orders"));
        router.Receive(_data.Fire("shop-a", AlertMetrics.RefundRate));
        router.Receive(_data.Fire("shop-b", AlertMetrics.SyncLagSeconds, 7200));

        var first = FiringAfter(router, TimeSpan.FromSeconds(30));
        Assert.Equal(["shop-a/event.needs_reauthorization", "shop-a/r-refund_rate", "shop-b/r-sync_lag_seconds"],
            first.Select(a => $"{a.ShopId}/{a.RuleId}").Order(StringComparer.Ordinal));

        router.Receive(_data.Clear("shop-a", InstantEventKind.NeedsReauthorization));
        _time.Advance(TimeSpan.FromMinutes(5));
        var after = router.Flush().Single();
        Assert.Contains(after.Firing, a => a.ShopId == "shop-a" && a.RuleId == "r-sync_lag_seconds");
        Assert.Contains(after.Firing, a => a.ShopId == "shop-a" && a.RuleId == "event.sync_stalled");
        Assert.Contains(after.Resolved, a => a.RuleId == "event.needs_reauthorization");
    }

    [Fact]
    public void Inhibition_ShopDeactivated_MutesEveryOtherAlertOfThatShop_NotItself()
    {
        var router = Router(inhibit: AlertRoutingDefaults.InhibitRules);
        router.Receive(_data.Raise("shop-a", InstantEventKind.ShopDeactivated));
        router.Receive(_data.Raise("shop-a", InstantEventKind.ListingDeactivated, "1729"));

        Assert.Equal(["event.shop_deactivated"], FiringAfter(router, TimeSpan.FromSeconds(30)).Select(a => a.RuleId));
    }

    [Fact]
    public void Inhibition_AnAlertMatchingBothSides_DoesNotInhibitItself()
    {
        var everyCritical = new InhibitRule([new LabelMatcher(AlertLabels.Severity, MatchOperator.Equal, "critical")],
            [new LabelMatcher(AlertLabels.Severity, MatchOperator.Equal, "critical")], [AlertLabels.Shop]);
        var router = Router(inhibit: [everyCritical]);
        router.Receive(_data.Raise("shop-a", InstantEventKind.NeedsReauthorization));

        Assert.Single(FiringAfter(router, TimeSpan.FromSeconds(30)));
    }
}
