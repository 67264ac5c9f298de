using Microsoft.Playwright;

namespace OpenClaw.Dashboard.Tests.Browser;

/// <summary>
/// What an operator does in a real browser (headless Debian chromium) against the real dashboard, API, silo and
/// simulator: sign in, see the demo shops, switch to Chinese, open a shop, sign out. Elements are found by role and
/// the .resx text the operator reads.
/// </summary>
[Collection(DashboardStackTests.Name)]
public sealed class OperatorJourneyTests(DashboardStackFixture stack)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_DemoTenant_OverviewZhHansShopAndSignOut()
    {
        Assert.SkipUnless(stack.Available, $"Debian chromium is not installed at {DashboardStackFixture.ChromiumPath} (apt-get install -y chromium); browser tests skipped.");
        Ct.ThrowIfCancellationRequested();
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.NewPageAsync();

        // Any page sends a stranger to sign-in.
        await page.GotoAsync(stack.DashboardUrl + "/");
        await Assertions.Expect(page).ToHaveURLAsync(BrowserSession.SignInUrl());
        await page.GetByLabel("Tenant API key").FillAsync(stack.TenantKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The overview lists every demo shop; the key is nowhere on the page.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        foreach (var name in stack.ShopNames)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        Assert.DoesNotContain(stack.TenantKey, await page.ContentAsync(), StringComparison.Ordinal);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == ".OpenClaw.Dashboard");
        Assert.True(cookie.HttpOnly && cookie.Secure && cookie.SameSite == SameSiteAttribute.Strict);
        Assert.DoesNotContain(stack.TenantKey, cookie.Value, StringComparison.Ordinal);

        // 中文: the same page in Simplified Chinese.
        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "概览", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "告警", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "已付款订单" })).ToBeVisibleAsync();

        // A shop page: its name and the token section, in Chinese.
        var shopName = stack.ShopNames[0];
        await page.GetByRole(AriaRole.Link, new() { Name = shopName, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = shopName, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "授权", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "各数据域同步", Level = 2 })).ToBeVisibleAsync();

        // Sign out: back to sign-in, and the overview is closed again.
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync(stack.DashboardUrl + "/");
        await Assertions.Expect(page).ToHaveURLAsync(BrowserSession.SignInUrl());
    }

    [Fact]
    public async Task SignIn_UnknownKey_StaysOnSignInAndSaysRefused()
    {
        Assert.SkipUnless(stack.Available, $"Debian chromium is not installed at {DashboardStackFixture.ChromiumPath} (apt-get install -y chromium); browser tests skipped.");
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.NewPageAsync();

        await page.GotoAsync(stack.DashboardUrl + "/signin");
        await page.GetByLabel("Tenant API key").FillAsync("ock_not_a_key_of_this_api");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The API refused this key (unknown or revoked).");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == ".OpenClaw.Dashboard");
    }
}
