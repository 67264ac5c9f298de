using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Orders;
using OpenClaw.TikTokShop.Simulator.Data.Products;
using OpenClaw.TikTokShop.Simulator.Faults;
using OpenClaw.TikTokShop.Simulator.Webhooks;

namespace OpenClaw.TikTokShop.Simulator.Admin;

/// <summary><c>/_sim</c> faults and webhook test endpoints.</summary>
internal static class AdminDiagnostics
{
    public static RouteGroupBuilder MapSimulatorDiagnostics(this RouteGroupBuilder sim)
    {
        sim.MapPost("/faults", async (HttpContext http, FaultBook faults) =>
        {
            var (rule, problem) = await AdminBodies.ReadAsync<FaultRule>(http).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            return rule!.Problem() is { } invalid ? AdminBodies.Bad(invalid) : AdminBodies.Json(new { faults.Add(rule).Id });
        });
        sim.MapGet("/faults", (FaultBook faults) => AdminBodies.Json(faults.List()));
        sim.MapDelete("/faults", (FaultBook faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        sim.MapDelete("/faults/{id}", (string id, FaultBook faults) =>
            faults.Remove(id) ? Results.NoContent() : Results.Problem("unknown fault id", statusCode: StatusCodes.Status404NotFound));
        sim.MapPost("/webhooks/fire", async (HttpContext http, ShopDirectory shops, OrderPlanner orders, ProductCatalog products,
            WebhookSubscriptions subscriptions, WebhookOutbox outbox, SimulatedClock clock) =>
        {
            var (body, problem) = await AdminBodies.ReadAsync<FireRequest>(http).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            if (shops.ById(body!.ShopId) is not { } shop)
            {
                return Results.Problem("unknown shop_id", statusCode: StatusCodes.Status404NotFound);
            }

            var now = clock.NowUnix;
            if (body.Type is not { } type || Sample(shop, type, now, orders, products) is not { } data)
            {
                return AdminBodies.Bad("type must be one of 1, 3, 4, 5, 6, 7, 11, 12, 27, 37 and the shop must have a matching entity");
            }

            if (subscriptions.Target(shop.Index, type) is not { } address)
            {
                return Results.Problem("no webhook address: subscribe the shop or set Simulator:WebhookUrl", statusCode: StatusCodes.Status409Conflict);
            }

            var notification = WebhookNotification.Create(shop, type, data, now, address);
            return outbox.TryEnqueue(notification)
                ? AdminBodies.Json(new { notification.NotificationId }, StatusCodes.Status202Accepted)
                : Results.Problem("webhook queue is full", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        sim.MapGet("/webhooks/deliveries", (WebhookOutbox outbox) => AdminBodies.Json(new { Dropped = outbox.Dropped, Attempts = outbox.Recent }));
        return sim;
    }

    /// <summary>A realistic payload of <paramref name="type"/> from the shop's most recent matching entity.</summary>
    private static object? Sample(Shop shop, int type, long now, OrderPlanner orders, ProductCatalog products)
    {
        var today = shop.Region.LocalDate(now);
        var recent = orders.OrdersBetween(shop, today.AddDays(-OrderPlanner.MaxTimelineDays), today).Where(o => o.CreateTime <= now).Reverse().ToList();
        var product = products.For(shop).LastOrDefault(p => p.CreateTime <= now);
        var order = recent.FirstOrDefault();
        return type switch
        {
            1 when order is not null => WebhookEvents.OrderStatus(order, order.StateAt(now)!),
            3 when order is not null => new { OrderId = order.Id, UpdateTime = now },
            4 when recent.FirstOrDefault(o => o.PackageCreateTime <= now) is { } shipped => WebhookEvents.Package(shipped, now),
            5 when product is not null => WebhookEvents.ProductStatus(product, product.StateAt(now)!),
            6 => WebhookEvents.Deauthorization(),
            7 => WebhookEvents.UpcomingExpiration(now + 30 * 86_400L),
            11 when recent.FirstOrDefault(o => o.Cancel?.RequestTime <= now) is { } cancelled =>
                WebhookEvents.Cancellation(cancelled, cancelled.Cancel!.Time <= now ? "CANCELLATION_REQUEST_COMPLETE" : "CANCELLATION_REQUEST_PENDING"),
            12 when recent.FirstOrDefault(o => o.Return?.CreateTime <= now) is { } returned =>
                WebhookEvents.Return(returned, returned.Return!, returned.Return!.StateAt(now)!.Value.Status, now),
            27 when product is not null => new { ProductId = product.Id, SkuId = product.Skus[0].Id, UpdateTime = now },
            37 when product is not null => new { ProductId = product.Id, Audit = new { Status = product.StateAt(now)!.AuditStatus }, UpdateTime = now },
            _ => null,
        };
    }
}
