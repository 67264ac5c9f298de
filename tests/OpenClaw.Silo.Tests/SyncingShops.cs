using System.Globalization;
using OpenClaw.Grains.Calls;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Tenants;
using OpenClaw.TestSupport;
using static OpenClaw.Silo.Tests.SiloTestContext;

namespace OpenClaw.Silo.Tests;

/// <summary>
/// What the tests whose silos sync an <see cref="InProcessSimulator"/> share (backfill crashes, the fault suite): fast
/// sync settings, onboarding through the authorization-code exchange, and the shops' sync reports read through failovers.
/// </summary>
internal static class SyncingShops
{
    /// <summary>The windowed domains (the ones with a cursor, pages and a backfill).</summary>
    public static readonly SyncDomain[] Windowed = [SyncDomain.Orders, SyncDomain.Returns, SyncDomain.Cancellations, SyncDomain.Packages, SyncDomain.Products];

    /// <summary>
    /// Silo settings for syncing from the simulator at <paramref name="simulatorUrl"/> fast: a backfill of
    /// <paramref name="backfillDays"/> days, no settle time (a frozen simulator has no late writes), short turn delays and
    /// failure backoff (0.2 s doubling to 2 s), a reminder every 5 s, and the budget keys of this run only with a quota no
    /// run reaches. The client's retries are logged (Debug). Callers add or override entries.
    /// </summary>
    public static Dictionary<string, string> FastSettings(string simulatorUrl, string budgetKeyPrefix, int backfillDays = 31) => new()
    {
        ["TikTokShop__ApiBaseUrl"] = simulatorUrl,
        ["TikTokShop__AuthBaseUrl"] = simulatorUrl,
        ["TikTokShop__AuthorizeBaseUrl"] = simulatorUrl,
        ["TikTokShop__AppKey"] = "openclaw-demo-app",
        ["TikTokShop__AppSecret"] = "openclaw-demo-secret",
        ["TikTokShop__ServiceId"] = "7000000000000000001",

        // The client's retries are Debug log lines (the crash test counts them; the fault suite scans them for secrets).
        ["Logging__LogLevel__OpenClaw.TikTokShop.TikTokShopClient"] = "Debug",

        // Budget keys of this run only; a quota no run reaches (backfill is paced over the real UTC day by the quota).
        ["RateBudget__AppKey"] = budgetKeyPrefix + Guid.NewGuid().ToString("N")[..10],
        ["RateBudget__DailyQuota"] = "1000000000",

        ["Sync__InitialBackfill"] = $"{backfillDays}.00:00:00",
        ["Sync__Settle"] = "00:00:00",
        ["Sync__MinimumWindow"] = "00:00:01",
        ["Sync__BusyTurnDelay"] = "00:00:00.010",
        ["Sync__MaxIdleDelay"] = "00:00:00.200",
        ["Sync__FailureBackoff"] = "00:00:00.200",
        ["Sync__MaxBackoff"] = "00:00:02",

        // The shops' reminder brings a shop back after its silo died even when nobody calls it.
        ["Shops__ReminderDueTime"] = "00:00:01",
        ["Shops__ReminderPeriod"] = "00:00:05",
        ["Orleans__Reminders__MinimumReminderPeriod"] = "00:00:01",
    };

    /// <summary>
    /// Connects <paramref name="shopIds"/> for <paramref name="tenantId"/> through the authorization-code exchange, as a
    /// seller would (again, for a shop that needs re-authorization).
    /// </summary>
    public static async Task OnboardAsync(IGrainFactory grains, HttpClient simulator, string tenantId, IEnumerable<string> shopIds)
    {
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        foreach (var shopId in shopIds)
        {
            // A code is single-use: each attempt asks for a fresh one.
            var connected = await GrainCallRetry.RetryAsync(
                async () => await tenant.ConnectWithAuthCodeAsync(await SimulatorAdmin.AuthCodeAsync(simulator, shopId, Cancellation)),
                FailoverBound, Cancellation);
            Assert.Equal([shopId], connected.Select(s => s.ShopId));
        }
    }

    /// <summary>Every shop's sync report, each call retried through a failover.</summary>
    public static async Task<Dictionary<string, ShopSyncReport>> ReportsAsync(IGrainFactory grains, IEnumerable<string> shopIds)
    {
        var reports = await Task.WhenAll(shopIds.Select(id =>
            GrainCallRetry.RetryAsync(() => grains.GetGrain<IShopGrain>(id).GetSyncReportAsync(), FailoverBound, Cancellation)));
        return reports.ToDictionary(r => r.Shop.ShopId, StringComparer.Ordinal);
    }

    /// <summary>The report's windowed domains.</summary>
    public static IEnumerable<DomainSyncStatus> WindowedOf(ShopSyncReport report) => report.Domains.Where(d => Windowed.Contains(d.Domain));

    /// <summary>
    /// Caught up with a frozen simulator: nothing targeted waiting, and every windowed domain has its history, no window
    /// open and a watermark past the simulator's now.
    /// </summary>
    public static bool CaughtUp(ShopSyncReport report, DateTimeOffset simulatedNow) => report.PendingTargeted == 0
        && WindowedOf(report).All(d => d.BackfillComplete && !d.InProgress && d.Watermark is { } w && w > simulatedNow);

    /// <summary>Where each windowed domain of the shop stands, for failure messages and timelines.</summary>
    public static string Position(ShopSyncReport report) => string.Join(", ", WindowedOf(report).Select(d =>
        $"{d.Domain} p={d.Pages} bf={(d.BackfillComplete ? "done" : d.BackfillDoneBackTo?.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture))}"
        + (d.InProgress ? " (window open)" : "") + (d.LastError is { } e ? " err=" + e : "")));
}
