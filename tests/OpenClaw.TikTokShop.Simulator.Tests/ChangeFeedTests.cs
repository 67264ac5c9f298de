using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Products;
using OpenClaw.TikTokShop.Simulator.Webhooks;

namespace OpenClaw.TikTokShop.Simulator.Tests;

/// <summary>
/// The change feed reads a shop's timelines only in the seconds that hold one of its changes; looking every few seconds
/// must queue exactly the webhooks one look over the whole span queues — across a local midnight (new orders) and with
/// a product incident injected while it runs.
/// </summary>
public sealed class ChangeFeedTests
{
    private const long Step = 30;

    [Fact]
    public async Task Looking_every_few_seconds_queues_exactly_the_webhooks_of_one_look_over_the_whole_span()
    {
        await using var app = SimulatorApp.Create(
        [
            "--Simulator:Seed=5", "--Simulator:ShopCount=6", "--Simulator:HistoryDays=3", "--Simulator:OrdersPerShopPerDay=30",
            "--Simulator:ProductsPerShop=40", "--Simulator:ClockSpeed=0", "--Simulator:WebhookUrl=http://127.0.0.1:9/hook",
            "--Simulator:Webhooks:QueueCapacity=1000000",
        ]);
        var services = app.Services;
        var start = services.GetRequiredService<SimulatedClock>().NowUnix;
        var end = start + 36 * 3600; // every shop's zone passes a midnight
        var shop = services.GetRequiredService<ShopDirectory>().All[2];
        var incidentAt = start + 5 * 3600 + 17;
        var product = services.GetRequiredService<ProductCatalog>().For(shop).Last(p => p.StateAt(incidentAt)?.Status == "ACTIVATE");
        var incidents = services.GetRequiredService<ProductIncidents>();
        var outbox = services.GetRequiredService<WebhookOutbox>();

        var stepped = ActivatorUtilities.CreateInstance<ChangeFeed>(services);
        for (var after = start; after < end; after += Step)
        {
            if (after < incidentAt && incidentAt <= after + Step)
            {
                // As the admin endpoint does: stamped within the window the feed looks at next.
                incidents.Add(shop.Index, product.Id, new ProductEvent(incidentAt, "FREEZE", "APPROVED", "PRODUCT_STATUS_CHANGED", "Prohibited product"));
            }

            stepped.Publish(after, after + Step);
        }

        var lookingOften = Drain(outbox);
        ActivatorUtilities.CreateInstance<ChangeFeed>(services).Publish(start, end);
        var lookingOnce = Drain(outbox);

        Assert.True(lookingOnce.Count > 1_000, $"{lookingOnce.Count} webhooks in 36 hours of 6 shops");
        Assert.Contains(lookingOnce, w => w.StartsWith($"{shop.Id} 5 {incidentAt} ", StringComparison.Ordinal) && w.Contains(product.Id, StringComparison.Ordinal));
        Assert.Equal(lookingOnce.Order(StringComparer.Ordinal), lookingOften.Order(StringComparer.Ordinal));
    }

    // "shop type timestamp data" per queued webhook (its notification id is random).
    private static List<string> Drain(WebhookOutbox outbox)
    {
        var queued = new List<string>();
        while (outbox.Reader.TryRead(out var notification))
        {
            var body = JsonDocument.Parse(notification.Body).RootElement;
            queued.Add($"{notification.ShopId} {notification.Type} {body.GetProperty("timestamp").GetInt64()} {body.GetProperty("data").GetRawText()}");
        }

        return queued;
    }
}
