using OpenClaw.Dashboard.Components.Pages;

namespace OpenClaw.Dashboard.Tests.Pages;

public sealed class CompareTests : DashboardBunitContext
{
    public CompareTests() => Api.Compare = ApiResults.Success(new CompareResult("region", new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30), "shop-local",
        [
            new CompareGroup("US", "US", [SampleData.Healthy], SampleData.Summary(900)),
            new CompareGroup("GB", "GB", [SampleData.Late], SampleData.Summary(300, late: 0.08)),
        ], SampleData.Summary(1200, late: 0.03)));

    [Fact]
    public void Render_ByRegion_TableHasGroupsAndTenantTotal()
    {
        var page = Render<Compare>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".compare-table tbody tr").Count));
        Assert.Equal(["US", "1", "900"], page.FindAll(".compare-table tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Contains("1,200", page.Find(".total-row").TextContent);
        Assert.Contains("compare region", Api.Calls);
    }

    [Fact]
    public void Render_MetricAndGroupingInQuery_AsksThatGroupingAndLinksItsCsv()
    {
        NavigateTo("/compare?metric=late_dispatch&by=warehouse");

        var page = Render<Compare>();

        page.WaitForAssertion(() => Assert.Contains("8.0 %", page.Find(".compare-table").TextContent));
        Assert.Contains("compare warehouse", Api.Calls);
        Assert.StartsWith("export/compare.csv?by=warehouse&from=2026-11-24&to=2026-11-30", page.Find("a.export-link").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EndpointMissing_SaysUnavailable()
    {
        Api.Compare = ApiResults.Fail<CompareResult>(ApiOutcome.NotFound);

        var page = Render<Compare>();

        page.WaitForAssertion(() => Assert.Equal("Not available from the API yet.", page.Find(".part-unavailable").TextContent));
    }
}

public sealed class AlertsTests : DashboardBunitContext
{
    public AlertsTests()
    {
        Api.FiringAlerts = ApiResults.Success<IReadOnlyList<AlertItem>>([
            new AlertItem("fp1", "firing", "metric", SampleData.Late, "深圳美妆旗舰店", "late_dispatch_rate", "late_dispatch_rate", "critical",
                Now.AddHours(-2), Now.AddHours(-1), null, 8, 4, null, null, null)]);
        Api.Channels = ApiResults.Success<IReadOnlyList<ChannelItem>>([new ChannelItem("ch1", "we_com", "运营群", "simplified_chinese", "Asia/Shanghai")]);
    }

    [Fact]
    public void ClickAcknowledge_FiringAlert_SendsFingerprint()
    {
        var page = Render<Alerts>();
        page.WaitForAssertion(() => Assert.Contains("深圳美妆旗舰店", page.Find(".alerts-table").TextContent));

        page.FindAll(".alerts-table fluent-button").Single(b => b.TextContent == "Acknowledge").Click();

        page.WaitForAssertion(() => Assert.Contains("ack fp1", Api.Calls));
    }

    [Fact]
    public void ClickSendTest_Channel_SaysSent()
    {
        var page = Render<Alerts>();
        page.WaitForAssertion(() => Assert.Contains("运营群", page.Find(".channels-table").TextContent));

        page.FindAll(".channels-table fluent-button").Single(b => b.TextContent == "Send test").Click();

        page.WaitForAssertion(() => Assert.Contains("Test message sent.", page.Find("[aria-labelledby=channels-title] .action-result").TextContent));
        Assert.Contains("test ch1", Api.Calls);
    }

    [Fact]
    public void ClickSendTest_ReceiverRefused_SaysWhy()
    {
        Api.ChannelTest = ApiResults.Success(new ChannelTestResult("failed", "HTTP 403 from the receiver"));
        var page = Render<Alerts>();
        page.WaitForAssertion(() => Assert.Contains("运营群", page.Find(".channels-table").TextContent));

        page.FindAll(".channels-table fluent-button").Single(b => b.TextContent == "Send test").Click();

        page.WaitForAssertion(() => Assert.Contains("HTTP 403 from the receiver", page.Find("[aria-labelledby=channels-title] .action-result").TextContent));
    }

    [Fact]
    public void Render_RulesEndpointMissing_OnlyRulesSayUnavailable()
    {
        var page = Render<Alerts>();

        page.WaitForAssertion(() => Assert.Contains("Not available from the API yet.", page.Find("[aria-labelledby=rules-title]").TextContent));
        Assert.DoesNotContain("Not available", page.Find("[aria-labelledby=channels-title]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ZhHans_SeverityInChinese()
    {
        UseCulture("zh-Hans");

        var page = Render<Alerts>();

        page.WaitForAssertion(() => Assert.Contains("严重", page.Find(".alerts-table").TextContent));
        Assert.Equal("告警", page.Find("h1").TextContent);
    }
}

public sealed class OpsErrorsTests : DashboardBunitContext
{
    public OpsErrorsTests()
    {
        Api.OpsErrors = ApiResults.Success(new ListPage<OpsErrorItem>(
            [new OpsErrorItem(SampleData.Late, "/order/202309/orders/search", "36009003", "36009003", 429, "POST", "Too many requests", "req-1", "rate_limit",
                Now.AddHours(-3), Now, 12, 2, 3, 1, "Rate limit exceeded", "Slow down or wait for the quota", "调用频率超限", "降低调用频率或等待配额恢复")], null));
        Api.OpsErrorCounts = ApiResults.Success<IReadOnlyList<OpsErrorCount>>([new OpsErrorCount("36009003", 1, 12, Now)]);
    }

    [Fact]
    public void Render_ZhHans_ShowsChineseDiagnosisAndExportsInChinese()
    {
        UseCulture("zh-Hans");
        NavigateTo("/ops-errors?code=36009003");

        var page = Render<OpsErrors>();

        page.WaitForAssertion(() => Assert.Contains("调用频率超限", page.Find(".errors-table").TextContent));
        Assert.Equal("降低调用频率或等待配额恢复", page.Find(".fix").TextContent);
        Assert.Contains("ops-errors 36009003", Api.Calls);
        Assert.Equal("export/ops-errors.csv?lang=zh-CN&code=36009003", page.Find("a.export-link").GetAttribute("href"));
    }

    [Fact]
    public void Render_English_ShowsEnglishDiagnosisAndFix()
    {
        var page = Render<OpsErrors>();

        page.WaitForAssertion(() => Assert.Contains("Rate limit exceeded", page.Find(".errors-table").TextContent));
        Assert.Equal("Slow down or wait for the quota", page.Find(".fix").TextContent);
    }

    [Fact]
    public void Render_Counts_GroupedByCodeByDefault()
    {
        var page = Render<OpsErrors>();

        page.WaitForAssertion(() => Assert.Equal(["36009003", "12"], page.FindAll(".counts-table tbody td").Select(td => td.TextContent)));
        Assert.Contains("summary code", Api.Calls);
    }
}
