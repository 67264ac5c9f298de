namespace OpenClaw.Dashboard.Tests;

/// <summary>Shops and metrics the page tests share: a healthy US shop, a Chinese-named UK shop missing targets, one needing re-authorization.</summary>
public static class SampleData
{
    public const string Healthy = "7495000000000000001";
    public const string Late = "7495000000000000002";
    public const string Reauth = "7495000000000000003";

    public static ShopListItem Shop(string id, string name, string region, string status = "active", double? lag = 60, params string[] tags) =>
        new(id, name, region, status, status == "active" ? null : "refresh token revoked", tags, status == "needs_reauthorization" ? "NeedsReauthorization" : "Valid",
            lag, 1, DashboardBunitContext.Now.AddDays(-30), DashboardBunitContext.Now);

    public static IReadOnlyList<ShopListItem> Shops() =>
    [
        // Not in order of orders, so a sort shows.
        Shop(Reauth, "Bangkok Home", "TH", status: "needs_reauthorization", lag: null),
        Shop(Healthy, "Sunny Outdoor US", "US", tags: "vip"),
        Shop(Late, "深圳美妆旗舰店", "GB", lag: 120, tags: "美妆"),
    ];

    public static MetricSummary Summary(long orders, double? late = 0.01, double? fast = 0.99, decimal gmv = 1234.5m, string currency = "USD") =>
        new(new Dictionary<string, long> { ["orders_paid"] = orders, ["refunds_completed"] = orders / 10 },
            [new CurrencyAmounts(currency, gmv, gmv / 20, null)], new MetricRates(0.01, 0.1, fast, late, 0.98, 0.9), 30, 70);

    public static OverviewMetrics Overview() => new(
        new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30), "shop-local",
        new MetricSummary(new Dictionary<string, long> { ["orders_paid"] = 1234 },
            [new CurrencyAmounts("USD", 45678.9m, 120m, null), new CurrencyAmounts("GBP", 321m, 0m, null)], new MetricRates(0.01, 0.052, 0.97, 0.021, 0.99, 0.9), 30, 70),
        [
            new ShopMetrics(Healthy, "US", Summary(900)),
            new ShopMetrics(Late, "GB", Summary(300, late: 0.08, fast: 0.9, gmv: 321m, currency: "GBP")),
            new ShopMetrics(Reauth, "TH", Summary(34)),
        ]);
}

/// <summary>Shop detail for the shop page tests.</summary>
public static class SampleShop
{
    public static ShopDetail Detail(bool paused = false) => new(
        SampleData.Late, "深圳美妆旗舰店", "GB", "CROSS_BORDER", paused ? "paused" : "active", null, new ShopSettings("Europe/London", ["美妆"], paused, null), 3,
        DashboardBunitContext.Now.AddDays(-30),
        new TokenSummary("Valid", DashboardBunitContext.Now.AddDays(6), DashboardBunitContext.Now.AddDays(300), DashboardBunitContext.Now.AddDays(5), null, null, null),
        [
            new DomainSyncStatus("orders", DashboardBunitContext.Now.AddMinutes(-45), 2700, false, null, null, true, DashboardBunitContext.Now.AddMinutes(-45), null, 10, 200, "rate limited", 3),
            new DomainSyncStatus("returns", DashboardBunitContext.Now.AddMinutes(-1), 60, false, null, null, true, DashboardBunitContext.Now.AddMinutes(-1), null, 2, 5, null, 0),
        ],
        0, 420, new RateBudgetUsage(100_000, 25_000, null, null, 10, 3, 80_000, false), [], DashboardBunitContext.Now);
}
