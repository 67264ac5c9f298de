using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using OpenClaw.TestSupport;

namespace OpenClaw.Dashboard.Tests.Browser;

/// <summary>
/// The operator's day in a real browser against the real dashboard, API, silo and simulator: the overview with data,
/// filter and sort, Chinese, a shop, compare by region, an alert acknowledged, the page following changes made
/// elsewhere without a reload, the time zone kept, and the ops errors CSV opened.
/// </summary>
[Collection(DashboardStackTests.Name)]
public sealed class OperatorFlowTests(DashboardStackFixture stack)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Overview_FilterSortChineseShopCompare_EachShowsWhatWasAsked()
    {
        Assert.SkipUnless(stack.Available, $"Debian chromium is not installed at {DashboardStackFixture.ChromiumPath}; browser tests skipped.");
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.SignedInPageAsync(stack);

        // Data: the demo orders reach the paid-orders tile.
        var orders = page.GetByRole(AriaRole.Group, new() { Name = "Paid orders" }).Locator(".kpi-value");
        await Assertions.Expect(orders).Not.ToHaveTextAsync("0", new() { Timeout = 120_000 });

        // Filter: the search keeps only the shop typed.
        var target = stack.ShopNames[1];
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search shop name or id" }).FillAsync(target);
        await Assertions.Expect(page.Locator("a.shop-link")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("a.shop-link")).ToHaveTextAsync(target);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "of 3 shops" })).ToHaveTextAsync("1 of 3 shops");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search shop name or id" }).FillAsync("");
        await Assertions.Expect(page.Locator("a.shop-link")).ToHaveCountAsync(DashboardStackFixture.ShopCount);

        // Sort: the shop column one way (whichever it starts with), then the other.
        var ascending = stack.ShopNames.Order(StringComparer.InvariantCulture).ToList();
        var header = page.Locator("th").Filter(new() { HasText = "Shop" }).First;
        await header.ClickAsync();
        IReadOnlyList<string> once = [];
        await Eventually.TrueAsync(async () =>
        {
            once = await ShopOrderAsync(page);
            return once.SequenceEqual(ascending) || once.SequenceEqual(ascending.AsEnumerable().Reverse());
        }, TimeSpan.FromSeconds(60), () => "shops not sorted by name: " + string.Join(", ", once));
        await header.ClickAsync();
        IReadOnlyList<string> twice = [];
        await Eventually.TrueAsync(async () =>
        {
            twice = await ShopOrderAsync(page);
            return twice.SequenceEqual(once.Reverse());
        }, TimeSpan.FromSeconds(60), () => "second click did not reverse the order: " + string.Join(", ", twice));

        // 中文, then a shop page and compare by region.
        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "概览", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = target, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = target, Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "对比", Exact = true }).ClickAsync();
        var regions = (await stack.ApiClient().ListShopsAsync(10, Ct)).Value!.Select(s => s.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        await Assertions.Expect(page.Locator(".compare-table tbody tr")).ToHaveCountAsync(regions.Count);
        var groups = await page.Locator(".compare-table tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(regions, groups.Select(g => g.Trim()).Order(StringComparer.Ordinal));
        await Assertions.Expect(page.Locator("canvas")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Alert_AcknowledgedOnThePageAndSilencedElsewhere_PageFollowsWithoutReload()
    {
        Assert.SkipUnless(stack.Available, $"Debian chromium is not installed at {DashboardStackFixture.ChromiumPath}; browser tests skipped.");
        var shops = (await stack.ApiClient().ListShopsAsync(10, Ct)).Value!;
        var shop = shops.Single(s => s.ShopName == stack.ShopNames[1]);
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.SignedInPageAsync(stack);
        var alert = await BrowserSession.FiringAlertAsync(stack, shop.ShopId, Ct);

        // From the alerts list to the alert's own page (the chat link's format).
        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Details of needs_reauthorization" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{stack.DashboardUrl}/{alert.DetailPath}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("needs_reauthorization");

        // Acknowledge here: the button gives way to who did it, and the audit trail has the entry.
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-actions")).ToContainTextAsync("Acknowledged by");
        await Assertions.Expect(page.Locator(".audit-table")).ToContainTextAsync("Acknowledged");

        // Silenced through the API by someone else: the open page shows it without a reload.
        await page.EvaluateAsync("() => window.__stillTheSamePage = true");
        Assert.True((await stack.ApiClient().SilenceAlertAsync(alert.Fingerprint, DateTimeOffset.UtcNow.AddHours(2), Ct)).IsOk);
        await Assertions.Expect(page.Locator(".alert-actions")).ToContainTextAsync("Silenced until");
        await Assertions.Expect(page.Locator(".audit-table")).ToContainTextAsync("Silenced until");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true"));

        // A shop paused through the API: the overview's status column follows, again without a reload.
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        var row = page.Locator("tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = stack.ShopNames[0], Exact = true }) });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.__stillTheSamePage = true");
        var paused = shops.Single(s => s.ShopName == stack.ShopNames[0]).ShopId;
        Assert.True((await stack.ApiClient().SetPausedAsync(paused, true, Ct)).IsOk);
        try
        {
            await Assertions.Expect(row).ToContainTextAsync("Paused");
            Assert.True(await page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true"));
        }
        finally
        {
            await stack.ApiClient().SetPausedAsync(paused, false, CancellationToken.None);
        }
    }

    [Fact]
    public async Task TimeZoneAndOpsErrorsCsv_ZoneKeptAcrossPagesAndCsvOpensWithBomAndChineseDiagnosis()
    {
        Assert.SkipUnless(stack.Available, $"Debian chromium is not installed at {DashboardStackFixture.ChromiumPath}; browser tests skipped.");
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.SignedInPageAsync(stack);

        // A failing TikTok call leaves an ops error: orders search refused 4 times for whichever shop syncs next.
        using (var simulator = new HttpClient { BaseAddress = new Uri(stack.SimulatorUrl) })
        using (var fault = await simulator.PostAsJsonAsync("/_sim/faults",
            new { kind = "error", code = 36009003, count = 4, path_prefix = "/order/202309/orders/search" }, Ct))
        {
            fault.EnsureSuccessStatusCode();
        }

        var client = stack.ApiClient();
        var shops = (await client.ListShopsAsync(10, Ct)).Value!;
        OpsErrorItem? error = null;
        await Eventually.TrueAsync(async () =>
        {
            foreach (var shop in shops)
            {
                await client.SyncNowAsync(shop.ShopId, Ct);
            }

            var items = (await client.ListOpsErrorsAsync(new OpsErrorFilter("36009003", null, null, null, null, null, null), null, Ct)).Value?.Items;
            error = items is { Count: > 0 } ? items[0] : null;
            return error?.DiagnosisZh is not null;
        }, TimeSpan.FromSeconds(120), () => "no ops error 36009003 with a Chinese diagnosis");

        // The time zone chosen in the header stays for every page and the next visit (a cookie).
        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Shanghai");
        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Asia/Shanghai");
        await Assertions.Expect(page.Locator(".day-boundary")).ToContainTextAsync("Asia/Shanghai");
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == ".OpenClaw.TimeZone" && Uri.UnescapeDataString(c.Value) == "Asia/Shanghai");

        // Ops errors in Chinese: the diagnosis on the page, then the CSV export opened from disk.
        await BrowserSession.UseLanguageAsync(page, stack, "zh-Hans", "/ops-errors");
        await Assertions.Expect(page.GetByLabel("时区")).ToHaveValueAsync("Asia/Shanghai");
        await Assertions.Expect(page.GetByText(error!.DiagnosisZh!).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("+08:00");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出 CSV" }).ClickAsync());
        var file = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(file, Ct);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.Contains(error.DiagnosisZh!, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> ShopOrderAsync(IPage page) => await page.Locator("a.shop-link").AllInnerTextsAsync();
}
