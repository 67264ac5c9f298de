using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Endpoints.Analytics;

namespace OpenClaw.TikTokShop.Simulator.Admin;

/// <summary><c>/_sim/analytics/skew</c>: make shop performance disagree with the orders by a factor per shop-local day.</summary>
internal static class AdminAnalytics
{
    public static RouteGroupBuilder MapSimulatorAnalytics(this RouteGroupBuilder sim)
    {
        sim.MapPost("/analytics/skew", async (HttpContext http, ShopDirectory shops, AnalyticsSkew skew) =>
        {
            var (body, problem) = await AdminBodies.ReadAsync<SkewRequest>(http).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            if (shops.ById(body!.ShopId) is not { } shop)
            {
                return AdminBodies.UnknownShop();
            }

            if (!AdminBodies.TryDate(body.Date, out var date))
            {
                return AdminBodies.Bad("date must be a shop-local day, YYYY-MM-DD");
            }

            if (body.Factor is not { } factor || factor <= AnalyticsSkew.MinFactorExclusive || factor > AnalyticsSkew.MaxFactor)
            {
                return AdminBodies.Bad($"factor must be a number greater than 0 and at most {AnalyticsSkew.MaxFactor.ToString(CultureInfo.InvariantCulture)}");
            }

            skew.Set(shop, date, factor);
            return Skews(skew);
        });
        sim.MapGet("/analytics/skew", (AnalyticsSkew skew) => Skews(skew));
        sim.MapDelete("/analytics/skew", ([FromQuery(Name = "shop_id")] string? shopId, string? date, ShopDirectory shops, AnalyticsSkew skew) =>
        {
            Shop? shop = null;
            if (shopId is not null && (shop = shops.ById(shopId)) is null)
            {
                return AdminBodies.UnknownShop();
            }

            DateOnly? day = null;
            if (date is not null)
            {
                if (shop is null || !AdminBodies.TryDate(date, out var parsed))
                {
                    return AdminBodies.Bad("date must be YYYY-MM-DD and goes with shop_id");
                }

                day = parsed;
            }

            skew.Clear(shop, day);
            return Results.NoContent();
        });
        return sim;
    }

    private static IResult Skews(AnalyticsSkew skew) => AdminBodies.Json(skew.All.Select(s => new
    {
        s.ShopId,
        Date = s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        s.Factor,
    }).ToList());
}
