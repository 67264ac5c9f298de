using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Data.Orders;
using OpenClaw.TikTokShop.Simulator.Endpoints.Orders;

namespace OpenClaw.TikTokShop.Simulator.Endpoints.Fulfillment;

/// <summary>Packages search, order tracking and warehouses.</summary>
public sealed class FulfillmentEndpoints(OrderPlanner planner) : IApiEndpoints
{
    /// <inheritdoc />
    public IEnumerable<ApiRoute> Routes =>
    [
        new("POST", "/fulfillment/202309/packages/search", "seller.fulfillment.basic", CipherRule.Required, SearchPackages),
        new("GET", "/fulfillment/202309/orders/{order_id}/tracking", "seller.fulfillment.basic", CipherRule.Required, Tracking),
        new("GET", "/logistics/202309/warehouses", "seller.logistics", CipherRule.Required, Warehouses),
    ];

    private object SearchPackages(ApiCall call)
    {
        var pageSize = call.QueryInt("page_size", 1, 50);
        var field = call.Query("sort_field") ?? "create_time";
        if (field is not ("create_time" or "update_time"))
        {
            throw new ApiException("invalid sort_field: create_time or update_time");
        }

        var body = call.Body();
        var status = body.Text("package_status");
        var window = new ScanWindow(body.Number("create_time_ge"), body.Number("create_time_lt"), body.Number("update_time_ge"), body.Number("update_time_lt"));
        var (asOf, offset) = Paging.Resume(call);
        var rows = window.Orders(planner, call.Shop, asOf, OrderPlanner.OrderSpanDays, entityIsOrder: false)
            .Select(o => (Order: o, State: o.PackageStateAt(asOf)))
            .Where(x => x.State is { } state && window.Contains(x.Order.PackageCreateTime!.Value, state.Time) && (status is null || state.Status == status))
            .Select(x => (x.Order, State: x.State!.Value))
            .ToList();
        Func<(OrderPlan Order, (long Time, string Status) State), long> key = field == "update_time" ? x => x.State.Time : x => x.Order.PackageCreateTime!.Value;
        var sorted = SortOrder.IsDescending(call, defaultDescending: true)
            ? rows.OrderByDescending(key).ThenByDescending(x => x.Order.Id, StringComparer.Ordinal).ToList()
            : rows.OrderBy(key).ThenBy(x => x.Order.Id, StringComparer.Ordinal).ToList();
        var (slice, next) = Paging.Slice(call, sorted, asOf, offset, pageSize);
        var page = slice.Select(x => Package(x.Order, x.State, asOf)).ToList();
        return new { NextPageToken = next, TotalCount = sorted.Count, Packages = page };
    }

    private static PackageRow Package(OrderPlan o, (long Time, string Status) state, long asOf)
    {
        var shipped = o.RtsTime is { } rts && rts <= asOf;
        return new PackageRow(o.PackageId, [new PackageOrder(o.Id)], state.Status, shipped ? o.TrackingNumber : null,
            shipped ? ProviderId(o.ShippingProvider) : null, shipped ? o.ShippingProvider : null, o.PackageCreateTime!.Value, state.Time);
    }

    // A stable numeric id per carrier name.
    private static string ProviderId(string provider) =>
        "7" + ((uint)provider.Aggregate(17, (h, c) => h * 31 + c)).ToString("D18", System.Globalization.CultureInfo.InvariantCulture);

    private object Tracking(ApiCall call)
    {
        var id = IdParameters.Path(call, "order_id", "order_id");
        var order = planner.Find(call.Shop, id) is { } plan && plan.CreateTime <= call.Now
            ? plan
            : throw new ApiException(ApiError.Of(ErrorCodes.OrderNotOwned, $"order {id} does not belong to the seller"));
        var nowMillis = call.Now * 1000;
        // Newest scan first, as the carrier feed shows it.
        return new
        {
            Tracking = order.Tracking.Where(t => t.TimeMillis <= nowMillis).OrderByDescending(t => t.TimeMillis)
                .Select(t => new { t.Description, UpdateTimeMillis = t.TimeMillis }).ToList(),
        };
    }

    private object Warehouses(ApiCall call) => new
    {
        Warehouses = call.Shop.Warehouses.Select(w => new
        {
            w.Id,
            w.Name,
            w.Type,
            w.IsDefault,
            EffectStatus = "ENABLED",
            Address = new { RegionCode = w.RegionCode, City = w.City, Region = call.Shop.Region.Code },
        }).ToList(),
    };

    private sealed record PackageRow(string Id, IReadOnlyList<PackageOrder> Orders, string Status, string? TrackingNumber, string? ShippingProviderId,
        string? ShippingProviderName, long CreateTime, long UpdateTime);

    private sealed record PackageOrder(string Id);
}
