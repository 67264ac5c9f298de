using Microsoft.Extensions.Time.Testing;
using OpenClaw.Grains.Alerts;

namespace OpenClaw.Grains.Tests.Alerts;

public sealed class AlertRouterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly AlertTestData _data;

    public AlertRouterTests() => _data = new AlertTestData(_time);

    private AlertRouter Router(params AlertRoute[] routes) =>
        new("agency-1", new AlertRoutingPolicy(routes.Length > 0 ? routes : [new AlertRoute([], ["wecom"])], [], [], []), new AlertRouterState(), _time);

    private List<RoutedNotification> FlushAfter(AlertRouter router, TimeSpan wait)
    {
        _time.Advance(wait);
        return [.. router.Flush()];
    }

    [Fact]
    public void GroupWait_AlertsFiringTogether_ArriveInOneNotificationAfterTheWait()
    {
        var router = Router();
        router.Receive(_data.Fire("shop-a", AlertMetrics.ApiErrorRate));
        Assert.Equal(_time.GetUtcNow().AddSeconds(30), router.NextFlushAt);

        Assert.Empty(FlushAfter(router, TimeSpan.FromSeconds(10)));
        router.Receive(_data.Fire("shop-b", AlertMetrics.ApiErrorRate));
        Assert.Empty(FlushAfter(router, TimeSpan.FromSeconds(19)));

        var sent = Assert.Single(FlushAfter(router, TimeSpan.FromSeconds(1)));
        Assert.Equal(["shop-a", "shop-b"], sent.Firing.Select(a => a.ShopId));
        Assert.Equal("agency-1", sent.GroupLabels[AlertLabels.Tenant]);
        Assert.Equal("r-" + AlertMetrics.ApiErrorRate, sent.GroupLabels[AlertLabels.Rule]);
        Assert.Empty(sent.Resolved);
    }

    [Fact]
    public void GroupInterval_NewAlertAfterTheFirstNotification_WaitsForTheNextFlush()
    {
        var router = Router();
        router.Receive(_data.Fire("shop-a", AlertMetrics.ApiErrorRate));
        Assert.Single(FlushAfter(router, TimeSpan.FromSeconds(30)));

        router.Receive(_data.Fire("shop-b", AlertMetrics.ApiErrorRate));
        Assert.Empty(FlushAfter(router, TimeSpan.FromMinutes(4)));

        var sent = Assert.Single(FlushAfter(router, TimeSpan.FromMinutes(1)));
        Assert.Equal(["shop-a", "shop-b"], sent.Firing.Select(a => a.ShopId));
    }

    [Fact]
    public void RepeatInterval_UnchangedGroup_IsRepeatedOnlyAtTheFirstFlushAfterIt()
    {
        var router = Router(new AlertRoute([], ["wecom"], RepeatInterval: TimeSpan.FromHours(1)));
        router.Receive(_data.Fire("shop-a", AlertMetrics.ApiErrorRate));
        var first = Assert.Single(FlushAfter(router, TimeSpan.FromSeconds(30)));

        var quiet = new List<RoutedNotification>();
        for (var i = 0; i < 11; i++)
        {
            quiet.AddRange(FlushAfter(router, TimeSpan.FromMinutes(5))); // flushes at 5, 10 … 55 min after the first notification
        }

        Assert.Empty(quiet);
        var repeat = Assert.Single(FlushAfter(router, TimeSpan.FromMinutes(5)));
        Assert.Equal(first.Firing.Select(a => a.Fingerprint), repeat.Firing.Select(a => a.Fingerprint));
        Assert.NotEqual(first.Id, repeat.Id);
    }

    [Fact]
    public void Resolved_IsNotifiedAtTheNextFlush_ThenTheGroupIsGone()
    {
        var router = Router();
        router.Receive(_data.Fire("shop-a", AlertMetrics.ApiErrorRate));
        FlushAfter(router, TimeSpan.FromSeconds(30));

        router.Receive(_data.Resolve("shop-a", AlertMetrics.ApiErrorRate));
        var sent = Assert.Single(FlushAfter(router, TimeSpan.FromMinutes(5)));

        Assert.Empty(sent.Firing);
        var resolved = Assert.Single(sent.Resolved);
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Empty(router.State.Groups);
        Assert.Null(router.NextFlushAt);
    }

    [Fact]
    public void Resolved_OneOfTwo_IsSentWithTheStillFiringOne()
    {
        var router = Router();
        router.Receive(_data.Fire("shop-a", AlertMetrics.ApiErrorRate));
        router.Receive(_data.Fire("shop-b", AlertMetrics.ApiErrorRate));
        FlushAfter(router, TimeSpan.FromSeconds(30));

        router.Receive(_data.Resolve("shop-a", AlertMetrics.ApiErrorRate));
        var sent = Assert.Single(FlushAfter(router, TimeSpan.FromMinutes(5)));

        Assert.Equal(["shop-b"], sent.Firing.Select(a => a.ShopId));
        Assert.Equal(["shop-a"], sent.Resolved.Select(a => a.ShopId));
    }

    [Fact]
    public void SendResolvedOff_AllResolved_SendsNothing()
    {
        var router = Router(new AlertRoute([], ["wecom"], SendResolved: false));
        router.Receive(_data.Fire("shop-a", AlertMetrics.ApiErrorRate));
        FlushAfter(router, TimeSpan.FromSeconds(30));

        router.Receive(_data.Resolve("shop-a", AlertMetrics.ApiErrorRate));

        Assert.Empty(FlushAfter(router, TimeSpan.FromMinutes(5)));
        Assert.Empty(router.State.Groups);
    }

    [Fact]
    public void FiredAndResolvedWithinGroupWait_SendsNothing()
    {
        var router = Router();
        router.Receive(_data.Fire("shop-a", AlertMetrics.ApiErrorRate));
        router.Receive(_data.Resolve("shop-a", AlertMetrics.ApiErrorRate));

        Assert.Empty(FlushAfter(router, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void DefaultGroupBy_DifferentRules_AreSeparateNotifications_OnePerChannel()
    {
        var router = Router(new AlertRoute([], ["wecom", "email"]));
        router.Receive(_data.Fire("shop-a", AlertMetrics.ApiErrorRate));
        router.Receive(_data.Fire("shop-a", AlertMetrics.RefundRate));

        var sent = FlushAfter(router, TimeSpan.FromSeconds(30));

        Assert.Equal(4, sent.Count);
        Assert.Equal(2, sent.Select(n => n.GroupKey).Distinct().Count());
        Assert.Equal(4, sent.Select(n => n.Id).Distinct().Count());
        Assert.Equal(["email", "email", "wecom", "wecom"], sent.Select(n => n.ChannelId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Routes_FirstMatchWins_UnlessContinue()
    {
        var critical = new LabelMatcher(AlertLabels.Severity, MatchOperator.Equal, "critical");
        var router = Router(
            new AlertRoute([critical], ["pager"], Continue: true),
            new AlertRoute([new LabelMatcher(AlertLabels.Category, MatchOperator.Equal, "auth")], ["auth-team"]),
            new AlertRoute([], ["everyone"]));

        router.Receive(_data.Raise("shop-a", InstantEventKind.NeedsReauthorization)); // critical, auth
        router.Receive(_data.Fire("shop-a", AlertMetrics.RefundRate)); // warning, health

        var sent = FlushAfter(router, TimeSpan.FromSeconds(30));
        Assert.Equal(["auth-team", "everyone", "pager"], sent.Select(n => n.ChannelId).Order(StringComparer.Ordinal));
        Assert.Equal(AlertMetrics.RefundRate, Assert.Single(sent, n => n.ChannelId == "everyone").Firing[0].Key);
    }

    [Fact]
    public void RoutingValidator_ReportsBadRegexUnknownZoneUndefinedWindowAndChannel()
    {
        var policy = new AlertRoutingPolicy(
            [new AlertRoute([new LabelMatcher("shop", MatchOperator.Regex, "([")], ["nope"], MuteTimeIntervals: ["night"],
                RepeatInterval: TimeSpan.FromMinutes(1))],
            [new AlertSilence("s1", [], _time.GetUtcNow(), _time.GetUtcNow(), "me")],
            [new MuteTimeInterval("weekend", "Mars/Olympus", [])],
            []);

        var errors = AlertRoutingValidator.Validate(policy, new HashSet<string> { "wecom" });

        Assert.Equal(["muteTimeIntervals[0]", "routes[0]", "silences[0]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, errors["routes[0]"].Length); // regex, channel, repeat < interval, undefined window
        Assert.Contains("IANA", errors["muteTimeIntervals[0]"][0], StringComparison.Ordinal);
    }
}
