using OpenClaw.TikTokShop.Simulator.Auth;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.RateLimits;
using OpenClaw.TikTokShop.Simulator.Webhooks;

namespace OpenClaw.TikTokShop.Simulator.Admin;

/// <summary>The unsigned <c>/_sim</c> test surface: shops, auth shortcuts, clock, rate limits and the daily quota.</summary>
public static class AdminEndpoints
{
    /// <summary>Maps every <c>/_sim</c> endpoint.</summary>
    public static IEndpointRouteBuilder MapSimulatorAdmin(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/shops", (ShopDirectory shops) => AdminBodies.Json(shops.All.Select(s => new
        {
            ShopId = s.Id,
            s.Name,
            Region = s.Region.Code,
            s.SellerType,
            s.Cipher,
            s.Region.Currency,
            TimeZone = s.Region.TimeZoneId,
            WarehouseIds = s.Warehouses.Select(w => w.Id).ToList(),
            s.Activity,
        })));
        sim.MapPost("/auth/code", (HttpContext http, ShopDirectory shops, AuthorizationStore store) =>
            WithShopAsync(http, shops, shop =>
            {
                var (code, expiresAt) = store.IssueCode(shop);
                return AdminBodies.Json(new { Code = code, ExpiresAt = expiresAt });
            }));
        sim.MapPost("/auth/revoke", (HttpContext http, ShopDirectory shops, AuthorizationStore store, WebhookSubscriptions subscriptions,
            WebhookOutbox outbox, SimulatedClock clock) =>
            WithShopAsync(http, shops, shop =>
            {
                store.Revoke(shop);
                if (subscriptions.Target(shop.Index, 6) is { } address)
                {
                    outbox.TryEnqueue(WebhookNotification.Create(shop, 6, WebhookEvents.Deauthorization(), clock.NowUnix, address));
                }

                return Results.NoContent();
            }));
        sim.MapPost("/auth/expire", (HttpContext http, ShopDirectory shops, AuthorizationStore store) =>
            WithShopAsync(http, shops, shop =>
            {
                store.ExpireAccess(shop);
                return Results.NoContent();
            }));
        // Every access and refresh token issued so far: what an end-to-end security sweep searches the product's logs for.
        sim.MapGet("/auth/tokens", (AuthorizationStore store) => AdminBodies.Json(new { Tokens = store.IssuedTokens }));
        sim.MapGet("/clock", (SimulatedClock clock) => Clock(clock));
        sim.MapPost("/clock/advance", async (HttpContext http, SimulatedClock clock) =>
        {
            var (body, problem) = await AdminBodies.ReadAsync<AdvanceRequest>(http).ConfigureAwait(false);
            if (problem is not null || body!.Seconds is not >= 0)
            {
                return problem ?? AdminBodies.Bad("seconds must be a non-negative integer");
            }

            clock.Advance(TimeSpan.FromSeconds(body.Seconds.Value));
            return Clock(clock);
        });
        sim.MapPut("/clock", async (HttpContext http, SimulatedClock clock) =>
        {
            var (body, problem) = await AdminBodies.ReadAsync<SpeedRequest>(http).ConfigureAwait(false);
            if (problem is not null || body!.Speed is not >= 0)
            {
                return problem ?? AdminBodies.Bad("speed must be a non-negative number");
            }

            clock.SetSpeed(body.Speed.Value);
            return Clock(clock);
        });
        sim.MapPut("/rate-limit", async (HttpContext http, RequestBudget budget) =>
        {
            var (body, problem) = await AdminBodies.ReadAsync<RateLimitRequest>(http).ConfigureAwait(false);
            if (problem is not null || body!.PerShopPerSecond is not >= 1 || body.PerAppPerSecond is not >= 1)
            {
                return problem ?? AdminBodies.Bad("per_shop_per_second and per_app_per_second must be positive integers");
            }

            budget.Configure(body.PerShopPerSecond.Value, body.PerAppPerSecond.Value);
            return Results.NoContent();
        });
        sim.MapGet("/quota", (DailyQuota quota) => AdminBodies.Json(quota.State()));
        sim.MapPut("/quota", async (HttpContext http, DailyQuota quota) =>
        {
            var (body, problem) = await AdminBodies.ReadAsync<QuotaRequest>(http).ConfigureAwait(false);
            if (problem is not null || body!.DailyQuota is not >= 0)
            {
                return problem ?? AdminBodies.Bad("daily_quota must be a non-negative integer (0 = unlimited)");
            }

            quota.Configure(body.DailyQuota.Value);
            return AdminBodies.Json(quota.State());
        });
        sim.MapSimulatorDiagnostics();
        sim.MapSimulatorTruth();
        sim.MapSimulatorAnalytics();
        sim.MapSimulatorProducts();
        return app;
    }

    /// <summary>Reads <c>{"shop_id"}</c> and runs <paramref name="action"/> for that shop (404 when unknown).</summary>
    internal static async Task<IResult> WithShopAsync(HttpContext http, ShopDirectory shops, Func<Shop, IResult> action)
    {
        var (body, problem) = await AdminBodies.ReadAsync<ShopRequest>(http).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return shops.ById(body!.ShopId) is { } shop
            ? action(shop)
            : AdminBodies.UnknownShop();
    }

    private static IResult Clock(SimulatedClock clock) => AdminBodies.Json(new { Now = clock.NowUnix, clock.Speed });
}
