using System.Globalization;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Truth;

namespace OpenClaw.TikTokShop.Simulator.Admin;

/// <summary><c>/_sim/truth</c>: daily metrics and per-entity states, computed from the generator as of the simulated now.</summary>
internal static class AdminTruth
{
    private const int MaxTruthDays = 400;

    public static RouteGroupBuilder MapSimulatorTruth(this RouteGroupBuilder sim)
    {
        sim.MapGet("/truth/{shopId}", (string shopId, string? from, string? to, ShopDirectory shops, GroundTruth truth, SimulatedClock clock) =>
        {
            if (shops.ById(shopId) is not { } shop)
            {
                return UnknownShop();
            }

            if (!TryDate(from, out var first) || !TryDate(to, out var last) || last < first || last.DayNumber - first.DayNumber >= MaxTruthDays)
            {
                return AdminBodies.Bad($"from and to must be YYYY-MM-DD, from <= to, at most {MaxTruthDays} days");
            }

            return AdminBodies.Json(new { ShopId = shop.Id, TimeZone = shop.Region.TimeZoneId, Days = truth.Compute(shop, first, last, clock.NowUnix) });
        });
        sim.MapGet("/truth/{shopId}/entities", (string shopId, string? kind, ShopDirectory shops, EntityTruth entities, SimulatedClock clock) =>
        {
            if (shops.ById(shopId) is not { } shop)
            {
                return UnknownShop();
            }

            if (!EntityTruth.TryParseKind(kind, out var parsed))
            {
                return AdminBodies.Bad("kind must be one of orders, returns, cancellations, packages, products");
            }

            var now = clock.NowUnix;
            return AdminBodies.Json(new { Kind = kind!.ToLowerInvariant(), ShopId = shop.Id, AsOf = now, Items = entities.List(shop, parsed, now) });
        });
        return sim;
    }

    private static IResult UnknownShop() => Results.Problem("unknown shop_id", statusCode: StatusCodes.Status404NotFound);

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
