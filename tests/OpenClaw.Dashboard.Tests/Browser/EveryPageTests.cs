using Microsoft.Playwright;

namespace OpenClaw.Dashboard.Tests.Browser;

/// <summary>
/// Every page in English and Chinese at 1280×800: rendered, screenshot into <c>docs/screenshots/</c> (plus the overview
/// at phone width), and passed through axe with no serious or critical violation; and the keyboard reaches the nav and
/// the table filter.
/// </summary>
[Collection(DashboardStackTests.Name)]
public sealed class EveryPageTests(DashboardStackFixture stack)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPage_EnglishAndChinese_ScreenshotAndNoSeriousAxeViolation()
    {
        Assert.SkipUnless(stack.Available, $"Debian chromium is not installed at {DashboardStackFixture.ChromiumPath}; browser tests skipped.");
        var shops = (await stack.ApiClient().ListShopsAsync(10, Ct)).Value!;
        var shop = shops.Single(s => s.ShopName == stack.ShopNames[^1]);
        var alert = await BrowserSession.FiringAlertAsync(stack, shop.ShopId, Ct);
        (string Name, string Path)[] pages =
        [
            ("overview", "/"), ("shop", $"/shops/{Uri.EscapeDataString(shop.ShopId)}"), ("compare", "/compare"), ("alerts", "/alerts"),
            ("alert", "/" + alert.DetailPath), ("ops-errors", "/ops-errors"),
        ];
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.SignedInPageAsync(stack);
        foreach (var culture in DashboardCultures.Supported)
        {
            foreach (var (name, path) in pages)
            {
                await BrowserSession.UseLanguageAsync(page, stack, culture, path);
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
                await BrowserSession.SettledAsync(page);
                await BrowserSession.ScreenshotAsync(page, $"{name}.{culture}");
                await BrowserSession.AssertAccessibleAsync(page, $"{name} ({culture})");
            }
        }

        var phone = await session.SignedInPageAsync(stack, 390, 844);
        await BrowserSession.SettledAsync(phone);
        await BrowserSession.ScreenshotAsync(phone, "overview.phone.en");
        await BrowserSession.AssertAccessibleAsync(phone, "overview at phone width");
    }

    [Fact]
    public async Task Keyboard_TabFromTheTop_ReachesNavAndTableFilterAndEnterFollowsALink()
    {
        Assert.SkipUnless(stack.Available, $"Debian chromium is not installed at {DashboardStackFixture.ChromiumPath}; browser tests skipped.");
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.SignedInPageAsync(stack);
        await BrowserSession.SettledAsync(page);

        // The router's FocusOnNavigate moves focus to the h1 once the circuit is up, at a moment a loaded machine decides:
        // wait for it, then start keyboard navigation from the top of the document (a non-tabbable marker first in body).
        try
        {
            await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1'", null, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            // No focus move happened (an already focused page): nothing to wait for.
        }

        await page.EvaluateAsync("""
            () => { const top = document.createElement('span'); top.tabIndex = -1; top.id = 'keyboard-test-top';
                    document.body.prepend(top); top.focus(); }
            """);

        // Tab through the page from the top, noting what gets focus, until the shop search has it.
        var reached = new List<string>();
        for (var i = 0; i < 40 && !reached.Contains("search"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await FocusedAsync(page));
        }

        Assert.Contains("link:Skip to content", reached);
        Assert.Contains("link:Compare", reached);
        Assert.Contains("link:Alerts", reached);
        Assert.Contains("search", reached);

        // From the page's heading, Shift+Tab back into the header to the Alerts nav link and press Enter: it follows the link.
        await page.Locator("h1").FocusAsync();
        for (var i = 0; i < 20 && await FocusedAsync(page) != "link:Alerts"; i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
        }

        Assert.Equal("link:Alerts", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1 })).ToBeVisibleAsync();
    }

    // What has keyboard focus: "search" for the shop search, "link:<text>" for a link, else the tag name.
    private static Task<string> FocusedAsync(IPage page) => page.EvaluateAsync<string>("""
        () => { const e = document.activeElement;
                if (e?.tagName === 'FLUENT-SEARCH' || e?.closest('fluent-search')) return 'search';
                return e?.tagName === 'A' ? 'link:' + e.textContent.trim() : (e?.tagName ?? '').toLowerCase(); }
        """);
}
