using OpenClaw.Dashboard.Components.Pages;

namespace OpenClaw.Dashboard.Tests.Pages;

public sealed class OverviewTests : DashboardBunitContext
{
    public OverviewTests()
    {
        Api.Shops = ApiResults.Success(SampleData.Shops());
        Api.Overview = ApiResults.Success(SampleData.Overview());
        Api.FiringAlerts = ApiResults.Success<IReadOnlyList<AlertItem>>([
            new AlertItem("fp1", "firing", "metric", SampleData.Late, "深圳美妆旗舰店", "late_dispatch_rate", "late_dispatch_rate", "warning",
                Now.AddHours(-2), Now.AddHours(-1), null, 8, 4, null, null, null)]);
    }

    private static IEnumerable<string> ShopNames(IRenderedComponent<Overview> page) => page.FindAll("a.shop-link").Select(a => a.TextContent);

    private static string Tile(IRenderedComponent<Overview> page, string title) =>
        page.FindAll(".kpi").Single(k => k.QuerySelector(".kpi-title")!.TextContent == title).TextContent;

    [Fact]
    public void Render_MetricsAvailable_KpiTilesShowTotals()
    {
        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("1,234", Tile(page, "Paid orders")));
        Assert.Contains("45,678.90 USD", Tile(page, "GMV"));
        Assert.Contains("321.00 GBP", Tile(page, "GMV"));
        Assert.Contains("5.2 %", Tile(page, "Refund rate"));
        Assert.Contains("97.0 %", Tile(page, "Shipped within 48 h"));
        Assert.Contains("1", Tile(page, "Open alerts"));
        Assert.Contains("1", Tile(page, "Shops needing re-authorization"));
    }

    [Fact]
    public void Render_AllShops_ListsEveryShopWithChineseName()
    {
        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal(3, ShopNames(page).Count()));
        Assert.Contains("深圳美妆旗舰店", ShopNames(page));
        Assert.Contains("3 of 3 shops", page.Find(".toolbar-count").TextContent);
    }

    [Fact]
    public void Render_RegionFilterInQuery_ShowsOnlyThatRegion()
    {
        NavigateTo("/?region=GB");

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal(["深圳美妆旗舰店"], ShopNames(page)));
        Assert.Contains("1 of 3 shops", page.Find(".toolbar-count").TextContent);
    }

    [Fact]
    public void Render_SearchInQuery_MatchesPartOfChineseName()
    {
        NavigateTo("/?q=" + Uri.EscapeDataString("美妆"));

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal(["深圳美妆旗舰店"], ShopNames(page)));
    }

    [Fact]
    public void Render_HealthFilterCritical_ShowsShopsThatNeedAnOperator()
    {
        NavigateTo("/?health=critical");

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal(["深圳美妆旗舰店", "Bangkok Home"], ShopNames(page).Order(StringComparer.Ordinal).Reverse()));
    }

    [Fact]
    public void SelectRegion_Changed_FilterGoesToQueryString()
    {
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.Equal(3, ShopNames(page).Count()));

        page.FindAll("select").First(s => s.GetAttribute("aria-label") == "Region").Change("TH");

        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        Assert.EndsWith("?region=TH", navigation.Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(["Bangkok Home"], ShopNames(page)));
    }

    [Fact]
    public void ClickOrdersHeader_Sorted_MostOrdersFirst()
    {
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.Equal(3, ShopNames(page).Count()));

        page.FindAll("th").First(th => th.TextContent.Contains("Orders", StringComparison.Ordinal)).QuerySelector(".col-sort-button")!.Click();

        page.WaitForAssertion(() => Assert.Equal(["Sunny Outdoor US", "深圳美妆旗舰店", "Bangkok Home"], ShopNames(page)));
    }

    [Fact]
    public void Render_ShopMissesTwoTargets_HealthBadgeSaysCriticalAndWhy()
    {
        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal(3, ShopNames(page).Count()));
        var row = page.FindAll("tr").Single(tr => tr.TextContent.Contains("深圳美妆旗舰店", StringComparison.Ordinal));
        Assert.Contains("Critical", row.QuerySelector(".health")!.TextContent);
        Assert.Contains("Late dispatch 8.0 % (target < 4 %)", row.TextContent);
        Assert.Contains("Shipped within 48 h 90.0 % (target > 95 %)", row.TextContent);
    }

    [Fact]
    public void Render_ZhHans_LabelsAndStatusesInChinese()
    {
        UseCulture("zh-Hans");

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal(3, ShopNames(page).Count()));
        Assert.Contains("1,234", Tile(page, "已付款订单"));
        Assert.Equal("概览", page.Find("h1").TextContent);
        Assert.Contains("需重新授权", page.FindAll("tr").Single(tr => tr.TextContent.Contains("Bangkok Home", StringComparison.Ordinal)).TextContent);
        Assert.Contains("共 3 家店铺，显示 3 家", page.Find(".toolbar-count").TextContent);
    }

    [Fact]
    public void Render_MetricsEndpointMissing_TilesSayUnavailableAndShopsStillListed()
    {
        Api.Overview = ApiResults.Fail<OverviewMetrics>(ApiOutcome.NotFound);
        Api.FiringAlerts = ApiResults.Fail<IReadOnlyList<AlertItem>>(ApiOutcome.NotFound);

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal(3, ShopNames(page).Count()));
        Assert.Contains("Not available from the API yet.", Tile(page, "Paid orders"));
        Assert.Contains("Not available from the API yet.", Tile(page, "Open alerts"));
    }

    [Fact]
    public void Render_ShopListFails_SaysWhatTheApiAnswered()
    {
        Api.Shops = ApiResults.Fail<IReadOnlyList<ShopListItem>>(ApiOutcome.Failed, "limit must be between 1 and 200");

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("The API could not answer: limit must be between 1 and 200", page.Find(".part-failed").TextContent));
    }
}
