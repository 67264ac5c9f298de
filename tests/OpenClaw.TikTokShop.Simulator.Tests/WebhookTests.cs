using System.Text.Json;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class WebhookTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private SimulatorHost _host = null!;
    private Session _session = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _host = await SimulatorHost.StartAsync("Webhooks:RetryDelaysSeconds:0=0.1", "Webhooks:RetryDelaysSeconds:1=0.1");
        _session = await _host.ConnectAsync();
        var subscribe = await _host.CallAsync(HttpMethod.Put, "/event/202309/webhooks", new Dictionary<string, string> { ["shop_cipher"] = _session.Shop.Cipher },
            JsonSerializer.Serialize(new { address = _receiver.Url, event_type = "ORDER_STATUS_CHANGE" }), _session.AccessToken);
        Assert.Equal(0, subscribe.Code);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_fired_webhook_is_signed_and_retried_after_a_failed_delivery()
    {
        _receiver.Plan(500);
        await _host.AdminAsync(HttpMethod.Post, "/_sim/webhooks/fire", new { shop_id = _session.Shop.Id, type = 1 });

        var failed = await _receiver.NextAsync();
        var retried = await _receiver.NextAsync();
        Assert.Equal((500, 200), (failed.AnsweredWith, retried.AnsweredWith));
        Assert.Equal(failed.Body, retried.Body);
        Assert.Equal(TestSigner.WebhookSignature(SimulatorHost.AppKey, SimulatorHost.AppSecret, retried.Body), retried.Authorization);

        var payload = JsonDocument.Parse(retried.Body).RootElement;
        Assert.Equal(1, payload.GetProperty("type").GetInt32());
        Assert.Equal(_session.Shop.Id, payload.GetProperty("shop_id").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("tts_notification_id").GetString()));
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("data").GetProperty("order_id").GetString()));

        // The sender records the 200 after the receiver has answered it, so the log may lag the receiver briefly.
        await Eventually.UntilAsync(async () => (await DeliveryOutcomesAsync()).Contains("delivered"), timeoutMs: 5_000);
        var outcomes = await DeliveryOutcomesAsync();
        Assert.Contains("retrying", outcomes);
        Assert.Contains("delivered", outcomes);
    }

    private async Task<List<string?>> DeliveryOutcomesAsync()
    {
        var deliveries = await _host.AdminAsync(HttpMethod.Get, "/_sim/webhooks/deliveries");
        return [.. deliveries.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("outcome").GetString())];
    }

    [Fact]
    public async Task Order_changes_are_pushed_as_the_simulated_clock_advances()
    {
        var now = await _host.NowAsync();
        await _host.AdvanceAsync(3600);
        var received = await _receiver.NextAsync();
        var payload = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal(1, payload.GetProperty("type").GetInt32());
        var update = payload.GetProperty("data").GetProperty("update_time").GetInt64();
        Assert.InRange(update, now + 1, now + 3600);
        var orderId = payload.GetProperty("data").GetProperty("order_id").GetString()!;
        var order = await _session.GetAsync("/order/202309/orders", new Dictionary<string, string> { ["ids"] = orderId });
        Assert.Equal(0, order.Code);
    }

    [Fact]
    public async Task Subscriptions_can_be_listed_and_deleted()
    {
        var list = await _session.GetAsync("/event/202309/webhooks");
        var subscription = Assert.Single(list.Data.GetProperty("webhooks").EnumerateArray());
        Assert.Equal(_receiver.Url, subscription.GetProperty("address").GetString());
        var delete = await _host.CallAsync(HttpMethod.Delete, "/event/202309/webhooks", new Dictionary<string, string> { ["shop_cipher"] = _session.Shop.Cipher },
            "{\"event_type\":\"ORDER_STATUS_CHANGE\"}", _session.AccessToken);
        Assert.Equal(0, delete.Code);
        Assert.Empty((await _session.GetAsync("/event/202309/webhooks")).Data.GetProperty("webhooks").EnumerateArray());
    }

    [Fact]
    public async Task An_authorization_nearing_its_end_is_announced_thirty_days_before()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await SimulatorHost.StartAsync($"RefreshTokenLifetimeSeconds={31 * 86_400}");
        var session = await host.ConnectAsync();
        var subscribe = await host.CallAsync(HttpMethod.Put, "/event/202309/webhooks", new Dictionary<string, string> { ["shop_cipher"] = session.Shop.Cipher },
            JsonSerializer.Serialize(new { address = receiver.Url, event_type = "UPCOMING_AUTHORIZATION_EXPIRATION" }), session.AccessToken);
        Assert.Equal(0, subscribe.Code);
        var expiresAt = await host.NowAsync() + 31 * 86_400;

        await host.AdvanceAsync(86_400 + 60);
        var payload = JsonDocument.Parse((await receiver.NextAsync()).Body).RootElement;
        Assert.Equal(7, payload.GetProperty("type").GetInt32());
        Assert.Equal(expiresAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            payload.GetProperty("data").GetProperty("expiration_time").GetString());
    }
}
