using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenClaw.TestSupport;

namespace OpenClaw.Dashboard.Tests.Browser;

/// <summary>
/// What every browser test needs: headless Debian chromium, a signed-in page at a given size and language, the repository's
/// <c>docs/screenshots</c>, the axe pass, and an alert to look at. Timeouts are generous: the machine may be a loaded 2-core CI runner.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    /// <summary>How long an expectation may wait for the page (live updates, a sync on a busy machine).</summary>
    public const float ExpectTimeoutMs = 60_000;

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    /// <summary>Launches chromium (never a downloaded browser).</summary>
    public static async Task<BrowserSession> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = DashboardStackFixture.ChromiumPath, Headless = true, Args = ChromiumArgs });
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A new page, not signed in, at 1280×800 in English.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true });
        context.SetDefaultTimeout(ExpectTimeoutMs);
        return await context.NewPageAsync();
    }

    /// <summary>A new signed-in page of <paramref name="width"/>×<paramref name="height"/> on the overview.</summary>
    public async Task<IPage> SignedInPageAsync(DashboardStackFixture stack, int width = 1280, int height = 800)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var page = await NewPageAsync(width, height);
        await page.GotoAsync(stack.DashboardUrl + "/signin");
        await page.GetByLabel("Tenant API key").FillAsync(stack.TenantKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Switches the language through the header's link target (a full load) and comes back to <paramref name="path"/>.</summary>
    public static Task UseLanguageAsync(IPage page, DashboardStackFixture stack, string culture, string path = "/") =>
        page.GotoAsync($"{stack.DashboardUrl}/culture/set?culture={culture}&redirect_uri={Uri.EscapeDataString(path)}");

    /// <summary>Waits until no part of the page is still loading (no progress ring left) and every chart is drawn.</summary>
    public static async Task SettledAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Assertions.Expect(page.Locator("fluent-progress-ring")).ToHaveCountAsync(0);
        if (await page.Locator("canvas").CountAsync() > 0)
        {
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas')].every(c => window.Chart?.getChart(c))");
            // Chart.js animates its first draw (about 1 s): a screenshot should show the bars, not their start.
            await page.WaitForTimeoutAsync(1500);
        }
    }

    /// <summary>Saves the viewport as <c>docs/screenshots/{name}.png</c> in the repository this test was built from.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = false, Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>
    /// Runs axe on the page; fails listing every serious or critical violation (rule, impact, first elements) that is
    /// still there a second later. A scan can land while Fluent UI's web components are still upgrading: once in CI the
    /// search box's internal clear button was scanned before the component hid it (2026-12-01), and the next runs were clean.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        var bad = Serious(await page.RunAxe());
        if (bad.Count > 0)
        {
            await page.WaitForTimeoutAsync(1000);
            bad = Serious(await page.RunAxe());
        }

        Assert.True(bad.Count == 0, $"{what}: " + string.Join("; ", bad.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }

    private static List<AxeResultItem> Serious(AxeResult result) =>
        [.. result.Violations.Where(v => v.Impact is "serious" or "critical")];

    /// <summary>
    /// A firing alert of <paramref name="shopId"/>: the seller revokes the app in the simulator and a sync finds out
    /// ("needs re-authorization", an event alert). Returns at once when the shop already has one.
    /// </summary>
    public static async Task<AlertItem> FiringAlertAsync(DashboardStackFixture stack, string shopId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var client = stack.ApiClient();
        if ((await client.ListAlertsAsync("firing", shopId, ct)).Value?.FirstOrDefault(a => a.Key == "needs_reauthorization") is { } existing)
        {
            return existing;
        }

        using (var simulator = new HttpClient { BaseAddress = new Uri(stack.SimulatorUrl) })
        using (var revoke = await simulator.PostAsJsonAsync("/_sim/auth/revoke", new { shop_id = shopId }, ct))
        {
            revoke.EnsureSuccessStatusCode();
        }

        await client.SyncNowAsync(shopId, ct);
        AlertItem? alert = null;
        await Eventually.TrueAsync(async () =>
        {
            alert = (await client.ListAlertsAsync("firing", shopId, ct)).Value?.FirstOrDefault(a => a.Key == "needs_reauthorization");
            return alert is not null;
        }, TimeSpan.FromSeconds(120), () => "no needs-re-authorization alert");
        return alert!;
    }

    /// <summary>The clone this test assembly was built in (the folder holding <c>OpenClaw.sln</c>).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenClaw.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OpenClaw.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The sign-in page's URL.</summary>
    [GeneratedRegex("/signin")]
    public static partial Regex SignInUrl();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
