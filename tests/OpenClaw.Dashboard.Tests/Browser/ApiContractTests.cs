using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Dashboard.Authentication;
using OpenClaw.TestSupport;

namespace OpenClaw.Dashboard.Tests.Browser;

/// <summary>
/// The dashboard's real typed client against the real API (with the silo, simulator and Garnet of
/// <see cref="DashboardStackFixture"/>, demo shops onboarded): every call a page makes answers OK with content that
/// makes sense, so no part of a page falls back to "unavailable" against the API it ships with.
/// </summary>
[Collection(DashboardStackTests.Name)]
public sealed class ApiContractTests(DashboardStackFixture stack)
{
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private OpenClawApiClient Client() => stack.ApiClient();

    private static T Ok<T>(ApiResult<T> result, string call)
    {
        Assert.True(result.IsOk, $"{call}: {result.Outcome} {result.Problem}");
        Assert.False(result.IsUnavailable, call);
        return result.Value!;
    }

    private async Task<IReadOnlyList<ShopListItem>> ShopsAsync(OpenClawApiClient client)
    {
        var shops = Ok(await client.ListShopsAsync(100, Ct), "list shops");
        Assert.Equal(DashboardStackFixture.ShopCount, shops.Count);
        Assert.Equal(stack.ShopNames.Order(StringComparer.Ordinal), shops.Select(s => s.ShopName).Order(StringComparer.Ordinal));
        return shops;
    }

    [Fact]
    public async Task Metrics_DemoShops_OverviewCompareSeriesHealthReconciliationAnswer()
    {
        var client = Client();
        var shops = await ShopsAsync(client);
        var (from, to) = (Today.AddDays(-6), Today.AddDays(1));

        // The overview has every shop; once the demo orders are synced, the total counts them.
        OverviewMetrics? overview = null;
        await Eventually.TrueAsync(async () =>
        {
            overview = Ok(await client.GetOverviewAsync(new DayRange(from, to), Ct), "overview");
            return overview.Total.Count("orders_paid") > 0;
        }, SyncTimeout, () => $"overview orders_paid {overview?.Total.Count("orders_paid")}");
        Assert.Equal(shops.Select(s => s.ShopId).Order(StringComparer.Ordinal), overview!.Shops.Select(s => s.ShopId).Order(StringComparer.Ordinal));
        Assert.Equal((from, to, "shop-local"), (overview.From, overview.To, overview.DayBoundary));
        Assert.NotEmpty(overview.Total.Money!);

        foreach (var by in (string[])["region", "category", "warehouse", "shop"])
        {
            var compare = Ok(await client.CompareAsync(by, new DayRange(from, to), Ct), "compare " + by);
            Assert.Equal(by, compare.By);
            Assert.NotNull(compare.Total);
            if (by is "region" or "shop")
            {
                Assert.NotEmpty(compare.Groups);
            }
        }

        var shopId = shops[0].ShopId;
        var series = Ok(await client.GetShopMetricsAsync(shopId, new DayRange(from, to), Ct), "shop metrics");
        Assert.Equal(shopId, series.ShopId);
        Assert.Equal(to.DayNumber - from.DayNumber + 1, series.Days.Count);
        Assert.Equal(from, series.Days[0].Date);

        var health = Ok(await client.GetShopHealthAsync(shopId, Ct), "health");
        Assert.Equal(shopId, health.ShopId);
        Assert.InRange(health.Score, 0, 100);
        Assert.NotNull(health.Reasons);

        var reconciliation = Ok(await client.GetReconciliationAsync(shopId, new DayRange(from, to), Ct), "reconciliation");
        Assert.Equal(series.Days.Count, reconciliation.Days.Count);
        Assert.All(reconciliation.Days, d => Assert.NotNull(d.OrdersPaid));

        using var csv = new MemoryStream();
        Ok(await client.CopyCsvAsync($"/api/v1/metrics/compare.csv?by=region&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", csv, Ct), "compare.csv");
        Assert.True(csv.Length > 0);
    }

    [Fact]
    public async Task Shop_DemoShop_DetailAndActionsAnswer()
    {
        var client = Client();
        var shopId = (await ShopsAsync(client))[0].ShopId;

        var detail = Ok(await client.GetShopAsync(shopId, Ct), "shop detail");
        Assert.Equal(shopId, detail.ShopId);
        Assert.NotNull(detail.Token);
        Assert.NotEmpty(detail.Sync!);

        Assert.StartsWith("http", Ok(await client.GetAuthorizeLinkAsync(Ct), "authorize link").ConsentUrl.Scheme, StringComparison.Ordinal);
        Assert.True(Ok(await client.SyncNowAsync(shopId, Ct), "sync now"));
        Assert.True(Ok(await client.BackfillAsync(shopId, Today.AddDays(-3), Ct), "backfill"));
        Assert.True(Ok(await client.SetPausedAsync(shopId, paused: true, Ct), "pause"));
        Assert.True(Ok(await client.GetShopAsync(shopId, Ct), "shop detail").Settings!.Paused);
        Assert.True(Ok(await client.SetPausedAsync(shopId, paused: false, Ct), "resume"));
    }

    [Fact]
    public async Task AlertRules_NewTenant_DefaultsListedAndARuleSavedAndDeleted()
    {
        var client = Client();

        var rules = Ok(await client.ListAlertRulesAsync(Ct), "rules");
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.True(r.WindowSeconds > 0 && r.Scope is not null, r.RuleId));

        var rule = new AlertRuleItem("contract_late_dispatch", "late_dispatch_rate", "greater_than", 7.5, 86_400, 600, "critical", 5, new AlertScope("tenant", null), true);
        Assert.True(Ok(await client.SaveAlertRuleAsync(rule, Ct), "save rule"));
        Assert.Equal(rule, Assert.Single(Ok(await client.ListAlertRulesAsync(Ct), "rules"), r => r.RuleId == rule.RuleId));

        // An edit (RuleDraft round trip) replaces it.
        var draft = RuleDraft.From(rule);
        draft.Threshold = 9;
        Assert.True(Ok(await client.SaveAlertRuleAsync(draft.ToRule(), Ct), "replace rule"));
        Assert.Equal(9, Assert.Single(Ok(await client.ListAlertRulesAsync(Ct), "rules"), r => r.RuleId == rule.RuleId).Threshold);

        Assert.True(Ok(await client.DeleteAlertRuleAsync(rule.RuleId, Ct), "delete rule"));
        Assert.DoesNotContain(Ok(await client.ListAlertRulesAsync(Ct), "rules"), r => r.RuleId == rule.RuleId);
    }

    [Fact]
    public async Task Alerts_ShopRevokedBySeller_ListedAcknowledgedAndSilenced()
    {
        var client = Client();
        // The last shop: the browser journey opens the first.
        var shopId = (await ShopsAsync(client))[^1].ShopId;
        Assert.All(Ok(await client.ListAlertsAsync("resolved", null, Ct), "resolved alerts"), a => Assert.Equal("resolved", a.Status));

        // The seller revokes the app; the next sync finds out and the shop raises "needs re-authorization".
        using (var simulator = new HttpClient { BaseAddress = new Uri(stack.SimulatorUrl) })
        using (var revoke = await simulator.PostAsJsonAsync("/_sim/auth/revoke", new { shop_id = shopId }, Ct))
        {
            revoke.EnsureSuccessStatusCode();
        }

        Assert.True(Ok(await client.SyncNowAsync(shopId, Ct), "sync now"));
        AlertItem? alert = null;
        await Eventually.TrueAsync(async () =>
        {
            var firing = Ok(await client.ListAlertsAsync("firing", shopId, Ct), "shop's firing alerts");
            Assert.All(firing, a => Assert.Equal((shopId, "firing"), (a.ShopId, a.Status)));
            alert = firing.FirstOrDefault(a => a.Key == "needs_reauthorization");
            return alert is not null;
        }, SyncTimeout, () => "no needs-re-authorization alert");
        Assert.Equal(("critical", "event"), (alert!.Severity, alert.Kind));
        Assert.Contains(Ok(await client.ListAlertsAsync("firing", null, Ct), "firing alerts"), a => a.Fingerprint == alert.Fingerprint);

        Assert.True(Ok(await client.AcknowledgeAlertAsync(alert.Fingerprint, Ct), "acknowledge"));
        var until = DateTimeOffset.UtcNow.AddHours(24);
        Assert.True(Ok(await client.SilenceAlertAsync(alert.Fingerprint, until, Ct), "silence"));

        var after = Assert.Single(Ok(await client.ListAlertsAsync("firing", shopId, Ct), "shop's firing alerts"), a => a.Fingerprint == alert.Fingerprint);
        Assert.NotNull(after.AcknowledgedBy);
        Assert.NotNull(after.AcknowledgedAt);
        Assert.InRange(after.SilencedUntil!.Value, until.AddSeconds(-1), until.AddSeconds(1));
    }

    [Fact]
    public async Task Channels_SignedWebhookToTheSimulator_CreatedListedTestedDeleted()
    {
        var client = Client();
        Ok(await client.ListChannelsAsync(Ct), "channels");
        var channelId = "webhook-" + Guid.NewGuid().ToString("N")[..8];
        var input = new ChannelInput("webhook", "运营 webhook", "simplified_chinese", "Asia/Shanghai", stack.SimulatorUrl + "/_sim/chat/webhook/receive",
            "openclaw-chat-secret");

        Assert.True(Ok(await client.SaveChannelAsync(channelId, input, Ct), "create channel"));

        var channel = Assert.Single(Ok(await client.ListChannelsAsync(Ct), "channels"), c => c.ChannelId == channelId);
        Assert.Equal(("webhook", "运营 webhook", "simplified_chinese", "Asia/Shanghai", "127.0.0.1", true),
            (channel.Kind, channel.Name, channel.Language, channel.TimeZone, channel.UrlHost, channel.HasSecret));

        var test = Ok(await client.TestChannelAsync(channelId, Ct), "test channel");
        Assert.True(test.Delivered, $"{test.Outcome}: {test.Error}");
        using var simulator = new HttpClient { BaseAddress = new Uri(stack.SimulatorUrl) };
        var inbox = await simulator.GetFromJsonAsync<JsonElement>("/_sim/chat/webhook/messages", Ct);
        Assert.NotEqual(0, inbox.GetProperty("messages").GetArrayLength());

        // A replace without URL and secret keeps them.
        Assert.True(Ok(await client.SaveChannelAsync(channelId, input with { Name = "ops", Url = null, Secret = null }, Ct), "replace channel"));
        Assert.True(Ok(await client.TestChannelAsync(channelId, Ct), "test channel").Delivered);

        Assert.True(Ok(await client.DeleteChannelAsync(channelId, Ct), "delete channel"));
        Assert.DoesNotContain(Ok(await client.ListChannelsAsync(Ct), "channels"), c => c.ChannelId == channelId);
    }

    [Fact]
    public async Task OpsErrors_EveryFilterAndGrouping_ListSummaryAndExportAnswer()
    {
        var client = Client();
        var shopId = (await ShopsAsync(client))[0].ShopId;
        var none = new OpsErrorFilter(null, null, null, null, null, null, null);
        var every = new OpsErrorFilter("36009003", 429, "/order/202309/orders/search", shopId, Today.AddDays(-7), Today, 1);

        Ok(await client.ListOpsErrorsAsync(none, null, Ct), "ops errors");
        Assert.DoesNotContain(Ok(await client.ListOpsErrorsAsync(every, null, Ct), "ops errors filtered").Items, e => e.ShopId != shopId);
        foreach (var by in (string[])["code", "endpoint", "shop", "httpStatus"])
        {
            Ok(await client.SummarizeOpsErrorsAsync(by, none, Ct), "summary " + by);
            Ok(await client.SummarizeOpsErrorsAsync(by, every, Ct), "summary filtered " + by);
        }

        using var csv = new MemoryStream();
        Ok(await client.CopyCsvAsync("/api/v1/ops-errors/export.csv?lang=zh-CN" + OpenClawApiClient.OpsErrorQuery(every), csv, Ct), "ops errors export");
        Assert.True(csv.Length > 0);
    }

    // Not in a page: SessionExpiry's navigation throws InvalidOperationException and does nothing, as in a CSV export.
}
