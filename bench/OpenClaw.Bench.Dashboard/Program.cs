using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using OpenClaw.Bench.Dashboard;
using OpenClaw.Dashboard;
using OpenClaw.TestSupport;

// Dashboard bench (docs/benchmarks.md): the real dashboard host over a canned API of 1,000 shops, driven by headless
// Debian chromium. First render = navigation start → the first shop row in the DOM (a performance mark set by a
// MutationObserver); filtering = the region filter's change event → the shop count and rows re-rendered (marks around
// it). Medians of --runs page loads. Usage: dotnet run -c Release --project bench/OpenClaw.Bench.Dashboard [--shops 1000] [--runs 7]
var shopCount = Arg("--shops", 1000);
var runs = Arg("--runs", 7);
const string Chromium = "/usr/bin/chromium";
if (!File.Exists(Chromium))
{
    Console.Error.WriteLine($"Debian chromium is not installed at {Chromium} (apt-get install -y chromium).");
    return 1;
}

var apiUrl = $"http://127.0.0.1:{FreePort.Next()}";
var dashboardUrl = $"http://localhost:{FreePort.Next()}";
await using var api = CannedAgencyApi.Create(apiUrl, shopCount);
await api.StartAsync();
await using var dashboard = DashboardApp.Create(["--urls", dashboardUrl, "--applicationName=OpenClaw.Dashboard", "--environment=Development",
    "--Logging:LogLevel:Default=Warning", $"--Dashboard:ApiBaseUrl={apiUrl}", "--Dashboard:RefreshInterval=00:10:00"]);
await dashboard.StartAsync();

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
var context = await browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
context.SetDefaultTimeout(60_000);
await context.AddInitScriptAsync("""
    new MutationObserver((_, o) => { if (document.querySelector('a.shop-link')) { performance.mark('shops-rendered'); o.disconnect(); } })
        .observe(document, { childList: true, subtree: true });
    """);
var signIn = await context.NewPageAsync();
await signIn.GotoAsync(dashboardUrl + "/signin");
await signIn.GetByLabel("Tenant API key").FillAsync("bench-key");
await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
await signIn.WaitForSelectorAsync("a.shop-link");
await signIn.CloseAsync();

var firstRender = new List<double>();
var filtering = new List<double>();
var unfiltering = new List<double>();
for (var run = 0; run < runs + 1; run++)
{
    var page = await context.NewPageAsync();
    await page.GotoAsync(dashboardUrl + "/");
    await page.WaitForSelectorAsync("a.shop-link");
    var rendered = await page.EvaluateAsync<double>("() => performance.getEntriesByName('shops-rendered')[0].startTime");
    var narrowed = await FilterAsync(page, "SG");
    var widened = await FilterAsync(page, "");
    if (run > 0)
    {
        // The first load warms the server (JIT, Razor); it is not counted.
        firstRender.Add(rendered);
        filtering.Add(narrowed);
        unfiltering.Add(widened);
    }

    await page.CloseAsync();
}

Console.WriteLine($"shops={shopCount} runs={runs} (after 1 warm-up)");
Console.WriteLine($"first render (navigation → first shop row): median {Median(firstRender):F0} ms [{string.Join(", ", firstRender.Select(Ms))}]");
Console.WriteLine($"filter by region ({shopCount} → {shopCount / 8}): median {Median(filtering):F0} ms [{string.Join(", ", filtering.Select(Ms))}]");
Console.WriteLine($"clear the filter (→ {shopCount}): median {Median(unfiltering):F0} ms [{string.Join(", ", unfiltering.Select(Ms))}]");
await dashboard.StopAsync();
await api.StopAsync();
return 0;

// Changes the region filter and waits for the count to change; retried until the circuit is connected (a prerendered
// page has no handlers yet). Returns the marks' distance in ms.
static async Task<double> FilterAsync(IPage page, string region)
{
    for (var attempt = 0; ; attempt++)
    {
        var ms = await page.EvaluateAsync<double>("""
            async (region) => {
              const before = document.querySelector('.toolbar-count').textContent;
              const select = document.querySelector('select[aria-label="Region"]');
              performance.clearMarks('filter-start'); performance.clearMarks('filter-end');
              performance.mark('filter-start');
              select.value = region;
              select.dispatchEvent(new Event('change', { bubbles: true }));
              const changed = await new Promise(resolve => {
                const timer = setTimeout(() => { o.disconnect(); resolve(false); }, 3000);
                const o = new MutationObserver(() => {
                  if (document.querySelector('.toolbar-count').textContent !== before) { clearTimeout(timer); o.disconnect(); resolve(true); }
                });
                o.observe(document.body, { childList: true, subtree: true, characterData: true });
              });
              if (!changed) return -1;
              performance.mark('filter-end');
              return performance.measure('filter', 'filter-start', 'filter-end').duration;
            }
            """, region);
        if (ms >= 0)
        {
            return ms;
        }

        if (attempt == 20)
        {
            throw new InvalidOperationException("the region filter never applied");
        }
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Ms(double value) => value.ToString("F0", CultureInfo.InvariantCulture);

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
