using Microsoft.Extensions.Time.Testing;
using OpenClaw.Dashboard.Components.Pages;

namespace OpenClaw.Dashboard.Tests.Pages;

/// <summary>Pages follow the API without a reload, and the operator's time zone reaches times and metrics reads.</summary>
public sealed class LiveAndTimeZoneTests : DashboardBunitContext
{
    private static readonly AlertItem Firing = new("fp1", "firing", "metric", SampleData.Late, "深圳美妆旗舰店", "late_dispatch_rate", "late_dispatch_rate",
        "critical", Now.AddHours(-2), Now.AddHours(-1), null, 8, 4, null, null, null);

    private FakeTimeProvider Clock => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    [Fact]
    public void Alerts_AcknowledgedElsewhere_PageShowsItAfterTheNextRefresh()
    {
        Api.FiringAlerts = ApiResults.Success<IReadOnlyList<AlertItem>>([Firing]);
        var page = Render<Alerts>();
        page.WaitForAssertion(() => Assert.Contains("Acknowledge", page.Find(".alerts-table").TextContent));

        Api.FiringAlerts = ApiResults.Success<IReadOnlyList<AlertItem>>([Firing with { AcknowledgedBy = "ops-key", AcknowledgedAt = Now }]);
        Clock.Advance(TimeSpan.FromHours(1));

        page.WaitForAssertion(() => Assert.Contains("Acknowledged by ops-key", page.Find(".alerts-table").TextContent));
    }

    [Fact]
    public void Overview_NewAlertFires_OpenAlertsTileCountsItAfterTheNextRefresh()
    {
        Api.FiringAlerts = ApiResults.Success<IReadOnlyList<AlertItem>>([]);
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.Equal("0", OpenAlertsTile(page)));

        Api.FiringAlerts = ApiResults.Success<IReadOnlyList<AlertItem>>([Firing]);
        Clock.Advance(TimeSpan.FromHours(1));

        page.WaitForAssertion(() => Assert.Equal("1", OpenAlertsTile(page)));
    }

    [Fact]
    public void Overview_ZoneChosen_AsksItsDaysWithTimeZoneAndSaysDaysAreShopLocal()
    {
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero));
        Zone.Set("Asia/Shanghai");
        Api.Overview = ApiResults.Success(new OverviewMetrics(new DateOnly(2026, 11, 25), new DateOnly(2026, 12, 1), "shop-local", SampleData.Summary(10), []));

        var page = Render<Overview>();

        // 20:00 UTC is 04:00 on 1 December in Shanghai: the range ends there.
        page.WaitForAssertion(() => Assert.Contains("overview from=2026-11-25&to=2026-12-01&time_zone=Asia%2FShanghai", Api.Calls));
        Assert.Contains("Asia/Shanghai", page.Find(".day-boundary").TextContent);
    }

    [Fact]
    public void Alerts_ZoneChosen_TimesShownInThatZone()
    {
        Zone.Set("Asia/Shanghai");
        Api.FiringAlerts = ApiResults.Success<IReadOnlyList<AlertItem>>([Firing]);

        var page = Render<Alerts>();

        // Fired at 11:00 UTC = 19:00 in Shanghai.
        page.WaitForAssertion(() => Assert.Contains("2026-11-30 19:00 +08:00", page.Find(".alerts-table").TextContent));
    }

    [Fact]
    public void Alerts_ShopLocalDefault_NoZoneSentAndTimesInUtc()
    {
        Api.FiringAlerts = ApiResults.Success<IReadOnlyList<AlertItem>>([Firing]);

        var page = Render<Alerts>();

        page.WaitForAssertion(() => Assert.Contains("2026-11-30 11:00 +00:00", page.Find(".alerts-table").TextContent));
        Assert.Null(Zone.Id);
    }

    [Fact]
    public void AlertDetail_FiredAlert_ShowsValueSinceAuditAndActs()
    {
        Api.FiringAlerts = ApiResults.Success<IReadOnlyList<AlertItem>>([Firing with
        {
            AcknowledgedBy = "ops-key",
            Audit = [new AlertAuditItem("acknowledged", "ops-key", Now.AddMinutes(-30), null, "看过了"), new AlertAuditItem("silenced", "ops-key", Now.AddMinutes(-20), Now.AddHours(4), null)],
        }]);

        var page = Render<AlertDetail>(p => p.Add(x => x.ShopId, SampleData.Late).Add(x => x.Fingerprint, "fp1"));

        page.WaitForAssertion(() => Assert.Contains("late_dispatch_rate", page.Find("h1").TextContent));
        Assert.Contains("8 (Threshold 4)", page.Find(".alert-value").TextContent);
        var audit = page.Find(".audit-table").TextContent;
        Assert.Contains("看过了", audit);
        Assert.Contains("Silenced until 2026-11-30 16:00 +00:00", audit);
        page.FindAll("fluent-button").Single(b => b.TextContent == "Silence 24 h").Click();
        page.WaitForAssertion(() => Assert.Contains("silence fp1", Api.Calls));
    }

    [Fact]
    public void AlertDetail_AlertOfAnotherShop_SaysNotFound()
    {
        Api.FiringAlerts = ApiResults.Success<IReadOnlyList<AlertItem>>([Firing]);

        var page = Render<AlertDetail>(p => p.Add(x => x.ShopId, SampleData.Healthy).Add(x => x.Fingerprint, "fp1"));

        page.WaitForAssertion(() => Assert.Equal("This shop has no such alert.", page.Find("[role=alert]").TextContent));
    }

    private static string OpenAlertsTile(Bunit.IRenderedComponent<Overview> page) =>
        page.FindAll(".kpi").Single(k => k.QuerySelector(".kpi-title")!.TextContent == "Open alerts").QuerySelector(".kpi-value")!.TextContent.Trim();
}
