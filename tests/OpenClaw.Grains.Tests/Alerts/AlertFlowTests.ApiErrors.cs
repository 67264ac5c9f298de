using System.Net.Http.Json;
using System.Text.Json;
using OpenClaw.Grains.Alerts;
using OpenClaw.Grains.Notifications;
using OpenClaw.Grains.Shops;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Alerts;

// The API error rate (default rule: > 5 % over 15 min for 5 min, resolved at ≤ 2 %) from the shop grain's own calls.
public sealed partial class AlertFlowTests
{
    [Fact]
    public async Task SimulatorFailsOneShopsCalls_ApiErrorRateFiresForThatShopOnly_ThenResolves()
    {
        var shops = await fixture.ConnectedShopsAsync();
        var tenantId = fixture.TenantId;
        await fixture.AddChannelAsync(tenantId, "hook", NotificationChannelKind.Webhook, "/_sim/chat/webhook/receive", NotificationLanguage.English);
        await fixture.RouteAllAsync(tenantId, "hook");
        var failing = shops[^1];
        var healthy = shops[^2];

        // TikTok answers every call of one shop with 36009003 (HTTP 500): the client retries, then gives up.
        using var added = await fixture.Simulator.PostAsJsonAsync("/_sim/faults", new { kind = "error", code = 36009003, shop_id = failing }, Ct);
        added.EnsureSuccessStatusCode();
        var faultId = (await added.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        // Sync turns keep failing while the simulated clock moves on past the rule's 5-minute for-duration (each turn's
        // failures stay inside the 15-minute window).
        await Eventually.TrueAsync(async () =>
        {
            await fixture.AdvanceAsync(TimeSpan.FromMinutes(2));
            await Task.WhenAll(SyncAsync(failing), SyncAsync(healthy));
            return (await WebhookAlertsAsync()).Any(a => Is(a, AlertMetrics.ApiErrorRate, failing, "firing"));
        }, Wait, () => "the failing shop's API error rate alert never reached the webhook");
        var firing = Assert.Single(await WebhookAlertsAsync(), a => Is(a, AlertMetrics.ApiErrorRate, failing, "firing"));
        Assert.InRange(firing.GetProperty("value").GetDouble(), 5.000001, 100);
        Assert.Equal(5, firing.GetProperty("threshold").GetDouble());

        // The other shops' calls succeed: no API error alert of theirs (the first shop is left out: another test of this
        // class revokes it, and its refused calls are real API errors).
        var others = shops.Where(s => s != failing && s != shops[0]).ToList();
        foreach (var other in others)
        {
            Assert.Null(await ApiErrorAlertAsync(other));
        }

        Assert.DoesNotContain(await WebhookAlertsAsync(), a => a.GetProperty("key").GetString() == AlertMetrics.ApiErrorRate && others.Contains(a.GetProperty("shop_id").GetString()!));

        // TikTok recovers; once the failures leave the 15-minute window the rate is back under 2 % and the alert resolves.
        // The client's circuit breakers run on real time, so the first calls after the fault may still be refused: sync
        // until the refusals too have left the window.
        using (var removed = await fixture.Simulator.DeleteAsync($"/_sim/faults/{faultId}", Ct))
        {
            removed.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(async () =>
        {
            await fixture.AdvanceAsync(TimeSpan.FromMinutes(4));
            await SyncAsync(failing);
            return (await WebhookAlertsAsync()).Any(a => Is(a, AlertMetrics.ApiErrorRate, failing, "resolved"));
        }, TimeSpan.FromMinutes(3), () => "the API error rate alert never resolved");
        var resolved = Assert.Single(await WebhookAlertsAsync(), a => Is(a, AlertMetrics.ApiErrorRate, failing, "resolved"));
        Assert.InRange(resolved.GetProperty("value").GetDouble(), 0, 2);
        Assert.Single(await WebhookAlertsAsync(), a => Is(a, AlertMetrics.ApiErrorRate, failing, "firing"));
    }

    private async Task<AlertEntry?> ApiErrorAlertAsync(string shopId) =>
        (await fixture.Cluster.Client.GetGrain<IShopAlertsGrain>(shopId).GetAlertsAsync()).FirstOrDefault(e => e.Key == AlertMetrics.ApiErrorRate);

    private Task SyncAsync(string shopId) => fixture.Cluster.Client.GetGrain<IShopGrain>(shopId).SyncNowAsync();
}
