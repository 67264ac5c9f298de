using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Truth;
using OpenClaw.TikTokShop.Simulator.Truth.Metrics;

namespace OpenClaw.TikTokShop.Simulator.Admin;

/// <summary><c>/_sim/truth</c>: daily metrics and per-entity states, computed from the generator as of the simulated now.</summary>
internal static class AdminTruth
{
    private const int MaxTruthDays = 400;

    private static readonly JsonSerializerOptions VerbatimKeys = new(Envelope.Json) { DictionaryKeyPolicy = null };

    public static RouteGroupBuilder MapSimulatorTruth(this RouteGroupBuilder sim)
    {
        sim.MapGet("/truth/{shopId}", (string shopId, string? from, string? to, ShopDirectory shops, GroundTruth truth, SimulatedClock clock) =>
        {
            if (shops.ById(shopId) is not { } shop)
            {
                return AdminBodies.UnknownShop();
            }

            if (!AdminBodies.TryDate(from, out var first) || !AdminBodies.TryDate(to, out var last) || last < first || last.DayNumber - first.DayNumber >= MaxTruthDays)
            {
                return AdminBodies.Bad($"from and to must be YYYY-MM-DD, from <= to, at most {MaxTruthDays} days");
            }

            return AdminBodies.Json(new { ShopId = shop.Id, TimeZone = shop.Region.TimeZoneId, Days = truth.Compute(shop, first, last, clock.NowUnix) });
        });
        sim.MapGet("/truth/{shopId}/metrics", (string shopId, string? from, string? to, [FromQuery(Name = "time_zone")] string? timeZone, ShopDirectory shops,
            MetricsTruth metrics, SimulatedClock clock) =>
        {
            if (shops.ById(shopId) is not { } shop)
            {
                return AdminBodies.UnknownShop();
            }

            if (!AdminBodies.TryDate(from, out var first) || !AdminBodies.TryDate(to, out var last) || last < first || last.DayNumber - first.DayNumber >= MaxTruthDays)
            {
                return AdminBodies.Bad($"from and to must be YYYY-MM-DD, from <= to, at most {MaxTruthDays} days");
            }

            LocalCalendar calendar;
            if (timeZone is null)
            {
                calendar = shop.Region.Calendar;
            }
            else if (TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) && zone.HasIanaId)
            {
                calendar = new LocalCalendar(zone);
            }
            else
            {
                return AdminBodies.Bad("time_zone must be an IANA time zone id, e.g. Europe/London");
            }

            // Field names are the contract's (`w:<warehouse>:…`, `logistics_exception_codes:USPS 9003`): keys are written as they are.
            return Results.Json(metrics.Compute(shop, first, last, calendar, clock.NowUnix), VerbatimKeys);
        });
        sim.MapGet("/truth/{shopId}/entities", (string shopId, string? kind, ShopDirectory shops, EntityTruth entities, SimulatedClock clock) =>
        {
            if (shops.ById(shopId) is not { } shop)
            {
                return AdminBodies.UnknownShop();
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
}
