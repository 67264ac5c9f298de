using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Data.Orders;

namespace OpenClaw.TikTokShop.Simulator.Endpoints.Orders;

/// <summary><c>/order/202309/orders/search</c> and <c>/order/202309/orders</c>.</summary>
public sealed class OrderEndpoints(OrderPlanner planner) : IApiEndpoints
{
    private const int MaxIdsPerGet = 50;

    /// <inheritdoc />
    public IEnumerable<ApiRoute> Routes =>
    [
        new("POST", "/order/202309/orders/search", "seller.order.info", CipherRule.Required, Search),
        new("GET", "/order/202309/orders", "seller.order.info", CipherRule.Required, Get),
    ];

    private OrderPage Search(ApiCall call)
    {
        var pageSize = call.QueryInt("page_size", 1, 100);
        var sortField = call.Query("sort_field") ?? "create_time";
        if (sortField is not ("create_time" or "update_time"))
        {
            throw new ApiException("invalid sort_field: create_time or update_time");
        }

        var descending = SortOrder.IsDescending(call, defaultDescending: true);
        var body = call.Body();
        var window = new ScanWindow(body.Number("create_time_ge"), body.Number("create_time_lt"), body.Number("update_time_ge"), body.Number("update_time_lt"));
        var status = body.Text("order_status");
        var shippingType = body.Text("shipping_type");
        var warehouses = IdParameters.BodyList(body, "warehouse_ids");
        var (asOf, offset) = Paging.Resume(call);

        var matches = window.Orders(planner, call.Shop, asOf, OrderPlanner.OrderSpanDays, entityIsOrder: true)
            .Select(o => (Plan: o, State: o.StateAt(asOf)!))
            .Where(x => window.Contains(x.Plan.CreateTime, x.State.Time)
                        && (status is null || x.State.Status == status)
                        && (shippingType is null || shippingType == "TIKTOK")
                        && (warehouses is null || warehouses.Contains(x.Plan.WarehouseId)))
            .ToList();
        Func<(OrderPlan Plan, OrderEvent State), long> key = sortField == "update_time" ? x => x.State.Time : x => x.Plan.CreateTime;
        var sorted = (descending
            ? matches.OrderByDescending(key).ThenByDescending(x => x.Plan.Id, StringComparer.Ordinal)
            : matches.OrderBy(key).ThenBy(x => x.Plan.Id, StringComparer.Ordinal)).ToList();
        var (page, next) = Paging.Slice(call, sorted, asOf, offset, pageSize);
        return new OrderPage(next, sorted.Count, page.Select(x => OrderJson.At(x.Plan, call.Shop, asOf)).ToList());
    }

    private OrderList Get(ApiCall call)
    {
        // Shape first: only a well-formed id can be "not this seller's" (21008111).
        var ids = IdParameters.QueryList(call, "ids", MaxIdsPerGet, "order");
        var orders = ids.Select(id => planner.Find(call.Shop, id) is { } plan && plan.CreateTime <= call.Now
                ? OrderJson.At(plan, call.Shop, call.Now)
                : throw new ApiException(ApiError.Of(ErrorCodes.OrderNotOwned, $"order {id} does not belong to the seller")))
            .ToList();
        return new OrderList(orders);
    }
}

/// <summary>Reads <c>sort_order</c> (ASC|DESC).</summary>
public static class SortOrder
{
    /// <summary>True for DESC; the default differs per API (orders DESC, returns ASC).</summary>
    public static bool IsDescending(ApiCall call, bool defaultDescending, int errorCode = ErrorCodes.InvalidRequest)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Query("sort_order") switch
        {
            null => defaultDescending,
            "DESC" => true,
            "ASC" => false,
            _ => throw new ApiException(ApiError.Of(errorCode, "invalid sort_order: ASC or DESC")),
        };
    }
}
