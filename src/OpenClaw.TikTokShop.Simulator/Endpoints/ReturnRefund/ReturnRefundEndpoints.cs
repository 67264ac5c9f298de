using OpenClaw.TikTokShop.Simulator.Api;
using OpenClaw.TikTokShop.Simulator.Data;
using OpenClaw.TikTokShop.Simulator.Data.Orders;
using OpenClaw.TikTokShop.Simulator.Endpoints.Orders;

namespace OpenClaw.TikTokShop.Simulator.Endpoints.ReturnRefund;

/// <summary>Returns and cancellations search; invalid parameters answer 25001001 as return_refund does.</summary>
public sealed class ReturnRefundEndpoints(OrderPlanner planner) : IApiEndpoints
{
    private const int Invalid = ErrorCodes.ReturnRefundInvalidParameter;

    /// <inheritdoc />
    public IEnumerable<ApiRoute> Routes =>
    [
        new("POST", "/return_refund/202309/returns/search", "seller.return_refund.basic", CipherRule.Required, SearchReturns),
        new("POST", "/return_refund/202309/cancellations/search", "seller.return_refund.basic", CipherRule.Required, SearchCancellations),
    ];

    private object SearchReturns(ApiCall call)
    {
        var pageSize = call.QueryInt("page_size", 10, 50, errorCode: Invalid);
        var body = call.Body(Invalid);
        var types = body.Texts("return_types");
        var statuses = body.Texts("return_status");
        var orderIds = IdParameters.BodyList(body, "order_ids");
        var window = Window(body);
        var (asOf, offset) = Paging.Resume(call, Invalid);
        var region = call.Shop.Region;
        var rows = window.Orders(planner, call.Shop, asOf, OrderPlanner.ReturnSpanDays, entityIsOrder: false)
            .Where(o => o.Return is { } r && r.CreateTime <= asOf && (orderIds is null || orderIds.Contains(o.Id)))
            .Select(o => (Order: o, State: o.Return!.StateAt(asOf)!.Value))
            .Where(x => window.Contains(x.Order.Return!.CreateTime, x.State.Time)
                        && (types is null || types.Contains(x.Order.Return!.Type))
                        && (statuses is null || statuses.Contains(x.State.Status)))
            .ToList();
        var sorted = Sort(call, rows, x => x.Order.Return!.CreateTime, x => x.State.Time, x => x.Order.Return!.Id);
        var (slice, next) = Paging.Slice(call, sorted, asOf, offset, pageSize);
        // Money comes from the order's lazily generated details: build it for the page only.
        var page = slice.Select(x => new ReturnRow(x.Order.Return!.Id, x.Order.Id, x.Order.Return!.Type, x.State.Status, x.Order.Return!.Role, x.Order.Return!.Reason,
            x.Order.Return!.ReasonText, new RefundAmount(region.Currency, region.Format(x.Order.RefundAmount)), x.Order.Return!.CreateTime, x.State.Time)).ToList();
        return new { NextPageToken = next, TotalCount = sorted.Count, ReturnOrders = page };
    }

    private object SearchCancellations(ApiCall call)
    {
        var pageSize = call.QueryInt("page_size", 1, 50, errorCode: Invalid);
        var body = call.Body(Invalid);
        var types = body.Texts("cancel_types");
        var statuses = body.Texts("cancel_status");
        var orderIds = IdParameters.BodyList(body, "order_ids");
        var window = Window(body);
        var (asOf, offset) = Paging.Resume(call, Invalid);
        var rows = window.Orders(planner, call.Shop, asOf, OrderPlanner.CancellationSpanDays, entityIsOrder: false)
            .Where(o => o.Cancel?.StateAt(asOf) is not null && (orderIds is null || orderIds.Contains(o.Id)))
            .Select(o => (Order: o, State: o.Cancel!.StateAt(asOf)!.Value))
            .Where(x => window.Contains(x.Order.Cancel!.RequestTime, x.State.Time)
                        && (types is null || types.Contains(CancelType(x.Order.Cancel!)))
                        && (statuses is null || statuses.Contains(x.State.Status)))
            .ToList();
        var sorted = Sort(call, rows, x => x.Order.Cancel!.RequestTime, x => x.State.Time, x => x.Order.Id);
        var (slice, next) = Paging.Slice(call, sorted, asOf, offset, pageSize);
        var page = slice.Select(x => Cancellation(x.Order, x.State, call.Shop)).ToList();
        return new { NextPageToken = next, TotalCount = sorted.Count, Cancellations = page };
    }

    private static string CancelType(CancelPlan cancel) => cancel.Initiator == "BUYER" ? "BUYER_CANCEL" : "CANCEL";

    /// <summary>The cancellation record of a cancelled order in a given state.</summary>
    private static CancellationRow Cancellation(OrderPlan order, (long Time, string Status) state, Shop shop)
    {
        var cancel = order.Cancel!;
        var refund = order.PaidTime is { } paid && paid <= cancel.Time ? order.Money.Total : 0m;
        return new CancellationRow(cancel.Id(order.Id), order.Id, CancelType(cancel), state.Status, cancel.Initiator, cancel.Reason, cancel.Reason,
            new RefundAmount(shop.Region.Currency, shop.Region.Format(refund)), cancel.RequestTime, state.Time);
    }

    private static ScanWindow Window(BodyReader body) =>
        new(body.Number("create_time_ge"), body.Number("create_time_lt"), body.Number("update_time_ge"), body.Number("update_time_lt"));

    private static List<T> Sort<T>(ApiCall call, List<T> rows, Func<T, long> created, Func<T, long> updated, Func<T, string> id)
    {
        var field = call.Query("sort_field") ?? "create_time";
        if (field is not ("create_time" or "update_time"))
        {
            throw new ApiException(ApiError.Of(Invalid, "invalid sort_field: create_time or update_time"));
        }

        var key = field == "update_time" ? updated : created;
        // Returns and cancellations list oldest first unless asked otherwise (contract §7).
        return SortOrder.IsDescending(call, defaultDescending: false, Invalid)
            ? rows.OrderByDescending(key).ThenByDescending(id, StringComparer.Ordinal).ToList()
            : rows.OrderBy(key).ThenBy(id, StringComparer.Ordinal).ToList();
    }

    private sealed record ReturnRow(string ReturnId, string OrderId, string ReturnType, string ReturnStatus, string Role, string ReturnReason,
        string ReturnReasonText, RefundAmount RefundAmount, long CreateTime, long UpdateTime);

    private sealed record CancellationRow(string CancelId, string OrderId, string CancelType, string CancelStatus, string Role, string CancelReason,
        string CancelReasonText, RefundAmount RefundAmount, long CreateTime, long UpdateTime);

    private sealed record RefundAmount(string Currency, string RefundTotal);
}
