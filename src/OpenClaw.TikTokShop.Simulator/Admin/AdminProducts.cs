using OpenClaw.TikTokShop.Simulator.Clock;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Products;

namespace OpenClaw.TikTokShop.Simulator.Admin;

/// <summary><c>/_sim/products/incident</c>: TikTok acts on a listing now (deactivates, freezes, rejects or restores it).</summary>
internal static class AdminProducts
{
    /// <summary>The statuses an incident may set; <c>FAILED</c> is a failed audit.</summary>
    private static readonly HashSet<string> Statuses = ["PLATFORM_DEACTIVATED", "FREEZE", "SELLER_DEACTIVATED", "FAILED", "ACTIVATE"];

    public static RouteGroupBuilder MapSimulatorProducts(this RouteGroupBuilder sim)
    {
        sim.MapPost("/products/incident", async (HttpContext http, ShopDirectory shops, ProductCatalog catalog, ProductIncidents incidents,
            SimulatedClock clock) =>
        {
            var (body, problem) = await AdminBodies.ReadAsync<IncidentRequest>(http).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            var status = body!.Status ?? "PLATFORM_DEACTIVATED";
            if (!Statuses.Contains(status))
            {
                return AdminBodies.Bad("status must be one of " + string.Join(", ", Statuses));
            }

            if (shops.ById(body.ShopId) is not { } shop)
            {
                return Results.Problem("unknown shop_id", statusCode: StatusCodes.Status404NotFound);
            }

            var now = clock.NowUnix;
            var product = body.ProductId is { } id
                ? catalog.Find(shop, id)
                : catalog.For(shop).LastOrDefault(p => p.CreateTime <= now && p.StateAt(now)?.Status == "ACTIVATE");
            if (product is null || product.CreateTime > now)
            {
                return Results.Problem("no such product (or no active product to act on)", statusCode: StatusCodes.Status404NotFound);
            }

            var change = status == "FAILED"
                ? new ProductEvent(now, "FAILED", "FAILED", "PRODUCT_AUDIT_FAILURE", null)
                : new ProductEvent(now, status, product.StateAt(now)?.AuditStatus ?? "APPROVED", "PRODUCT_STATUS_CHANGED",
                    status is "PLATFORM_DEACTIVATED" or "FREEZE" ? "Prohibited product" : null);
            // The change feed announces it (webhook 5/37) like any generated change, once its scan passes this time.
            incidents.Add(shop.Index, product.Id, change);

            return AdminBodies.Json(new { ProductId = product.Id, change.Status, change.AuditStatus, UpdateTime = now });
        });
        return sim;
    }

    private sealed record IncidentRequest(string? ShopId, string? ProductId, string? Status);
}
