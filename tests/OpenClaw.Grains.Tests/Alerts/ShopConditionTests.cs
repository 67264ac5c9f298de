using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Alerts.Evaluation;
using OpenClaw.Grains.Budget;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Grains.Tests.Alerts;

/// <summary>The shop's condition events and listing events, from what the grain knows.</summary>
public sealed class ShopConditionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly ShopAlertOptions Options = new();

    [Fact]
    public void Conditions_ActiveHealthyShop_HoldNone()
    {
        Assert.DoesNotContain(ShopConditions.Evaluate(Report(), Usage(100), Options, Now), c => c.Holds);
    }

    [Fact]
    public void Conditions_NeedsReauthorization_HoldsWithTheReason_AndNoExpiryWarningBesideIt()
    {
        var report = Report(ShopStatus.NeedsReauthorization, "36004005", refreshExpires: Now.AddDays(2));

        var held = ShopConditions.Evaluate(report, null, Options, Now).Where(c => c.Holds).ToList();

        var condition = Assert.Single(held);
        Assert.Equal(InstantEventKind.NeedsReauthorization, condition.Kind);
        Assert.Equal("36004005", condition.Detail);
    }

    [Fact]
    public void Conditions_AuthorizationExpiringWithin7Days_Holds_8DaysOut_DoesNot()
    {
        Assert.Contains(ShopConditions.Evaluate(Report(authorizationExpires: Now.AddDays(6.5)), null, Options, Now),
            c => c.Kind == InstantEventKind.AuthorizationExpiring && c.Holds && c.ExpiresAt == Now.AddDays(6.5));
        Assert.Contains(ShopConditions.Evaluate(Report(authorizationExpires: Now.AddDays(8)), null, Options, Now),
            c => c.Kind == InstantEventKind.AuthorizationExpiring && !c.Holds);
    }

    [Fact]
    public void Conditions_DomainFailingLongEnough_StallsOnlyThatDomain()
    {
        var orders = Domain(SyncDomain.Orders, failures: 3, lastSuccess: Now.AddMinutes(-31));
        var returns = Domain(SyncDomain.Returns, failures: 3, lastSuccess: Now.AddMinutes(-10));

        var stalled = ShopConditions.Evaluate(Report(domains: [orders, returns]), null, Options, Now)
            .Where(c => c.Kind == InstantEventKind.SyncStalled && c.Holds).ToList();

        Assert.Equal("orders", Assert.Single(stalled).Subject);
    }

    [Fact]
    public void Quota_IsTheApps_EveryActiveShopRaisesIt_TheTenantGetsOneMessageNamingThem_AndAllResolveOnTheNextQuotaDay()
    {
        // The daily quota is the app's (contract §4 45101004, RateBudget counts it cluster-wide per app): one usage
        // reading holds for every shop of the app, so every shop's book raises the alert at the same reading.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var shopIds = new[] { "7495", "7496", "7497" };
        var books = shopIds.Select(id => new AlertBook("tenant", id, new AlertBookState(), time) { ShopName = "店铺 " + id }).ToList();
        var router = new AlertRouter("tenant", AlertRoutingDefaults.Create(["ops"]), new AlertRouterState(), time);
        void Evaluate(RateBudgetUsage usage)
        {
            foreach (var book in books)
            {
                foreach (var condition in ShopConditions.Evaluate(Report(), usage, Options, time.GetUtcNow()).Where(c => c.Kind == InstantEventKind.DailyQuotaNearlySpent))
                {
                    if (condition.Holds)
                    {
                        book.Raise(condition.ToEvent());
                    }
                    else
                    {
                        book.Clear(condition.Kind, condition.Subject);
                    }
                }

                foreach (var notification in book.TakeNotifications())
                {
                    router.Receive(notification);
                }
            }
        }

        Evaluate(Usage(46_000));
        time.Advance(TimeSpan.FromSeconds(30)); // the default group wait
        var firing = Assert.Single(router.Flush()); // grouped by tenant + rule: one message, not one per shop
        Assert.Equal(shopIds, firing.Firing.Select(a => a.ShopId).Order(StringComparer.Ordinal));
        Assert.All(firing.Firing, a => Assert.Equal("46000 / 50000 (2026-11-30)", a.Detail));

        // The next quota day: the count starts again, the condition no longer holds anywhere.
        time.Advance(TimeSpan.FromMinutes(5));
        Evaluate(Usage(10) with { Day = new DateOnly(2026, 12, 1) });
        var resolved = Assert.Single(router.Flush());
        Assert.Empty(resolved.Firing);
        Assert.Equal(shopIds, resolved.Resolved.Select(a => a.ShopId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Conditions_QuotaAt90Percent_Holds_Below_DoesNot()
    {
        Assert.Contains(ShopConditions.Evaluate(Report(), Usage(45_000), Options, Now), c => c.Kind == InstantEventKind.DailyQuotaNearlySpent && c.Holds);
        Assert.Contains(ShopConditions.Evaluate(Report(), Usage(44_999), Options, Now), c => c.Kind == InstantEventKind.DailyQuotaNearlySpent && !c.Holds);
    }

    [Fact]
    public void ProductEvents_NewlyDeactivatedFrozenOrRejected_RaiseOnce_AlreadySo_RaiseNothing()
    {
        var active = Product("ACTIVATE", "APPROVED");

        Assert.Equal(InstantEventKind.ListingDeactivated, Assert.Single(ProductAlertEvents.Of(Product("PLATFORM_DEACTIVATED", "APPROVED"), active)).Kind);
        Assert.Equal(InstantEventKind.PolicyViolation, Assert.Single(ProductAlertEvents.Of(Product("FREEZE", "APPROVED"), active)).Kind);
        var rejected = Assert.Single(ProductAlertEvents.Of(Product("FAILED", "FAILED"), null));
        Assert.Equal(InstantEventKind.ListingRejected, rejected.Kind);
        Assert.Contains("Image contains a watermark", rejected.Detail, StringComparison.Ordinal);
        Assert.Empty(ProductAlertEvents.Of(Product("PLATFORM_DEACTIVATED", "APPROVED"), Product("PLATFORM_DEACTIVATED", "APPROVED")));
        Assert.Empty(ProductAlertEvents.Of(Product("SELLER_DEACTIVATED", "APPROVED"), active));
    }

    private static StoredProduct Product(string status, string audit) =>
        new("1729", "Classic Yoga Mat", status, audit, audit == "FAILED" ? ["Image contains a watermark"] : [], "603015", "Yoga Mats", Now.AddDays(-9), Now);

    private static DomainSyncStatus Domain(SyncDomain domain, int failures = 0, DateTimeOffset? lastSuccess = null) =>
        new(domain, Now.AddMinutes(-1), 60, false, null, null, true, lastSuccess ?? Now.AddMinutes(-1), Now.AddMinutes(1), 10, 10, failures > 0 ? "36009003: internal error" : null, failures);

    private static ShopSyncReport Report(ShopStatus status = ShopStatus.Active, string? reason = null, DateTimeOffset? authorizationExpires = null,
        DateTimeOffset? refreshExpires = null, IReadOnlyList<DomainSyncStatus>? domains = null)
    {
        var shop = new ShopSnapshot("7495", "tenant", "小米旗舰店", "US", status, new ShopSettings("America/Los_Angeles", [], false), 1, Now.AddDays(-30), null, "silo",
            StatusReason: reason);
        var token = new TokenSummary(status == ShopStatus.NeedsReauthorization ? "NeedsReauthorization" : "Valid", Now.AddDays(3),
            refreshExpires ?? Now.AddDays(300), null, null, authorizationExpires, null);
        return new ShopSyncReport(shop, token, domains ?? [Domain(SyncDomain.Orders)], 0, 0, Now, []);
    }

    private static RateBudgetUsage Usage(long used) =>
        new("app", DateOnly.FromDateTime(Now.UtcDateTime), Now.AddHours(16), 50_000, used, new CallsByPriority(0, 0, used, 0), null, 100, 100, 1, used, false, Now);
}
