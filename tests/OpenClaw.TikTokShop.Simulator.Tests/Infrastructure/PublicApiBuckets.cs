using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenClaw.TikTokShop.Simulator.Data.Logistics;

namespace OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

/// <summary>
/// The day buckets of docs/metrics.md computed the way OpenClaw must: from what the public API shows a connected shop
/// (orders, returns, packages, tracking, products) by the contract's rules. The tests compare the simulator's truth with it.
/// </summary>
public static partial class PublicApiBuckets
{
    private const long FastDispatchSeconds = 172_800;

    /// <summary>Every bucket field per local day (<c>yyyy-MM-dd</c>) of <paramref name="zone"/>, plus the product snapshot.</summary>
    public static async Task<(Dictionary<string, SortedDictionary<string, long>> Days, SortedDictionary<string, long> Products)> ComputeAsync(Session session, TimeZoneInfo zone)
    {
        var days = new Dictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        void Add(long time, string field, long value = 1)
        {
            if (value == 0)
            {
                return;
            }

            var date = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(time), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var fields = days.TryGetValue(date, out var f) ? f : days[date] = new SortedDictionary<string, long>(StringComparer.Ordinal);
            fields[field] = fields.GetValueOrDefault(field) + value;
        }

        void AddW(long time, string warehouse, string field, long value = 1)
        {
            Add(time, field, value);
            Add(time, $"w:{warehouse}:{field}", value);
        }

        var orders = (await session.SearchAllAsync("/order/202309/orders/search", new { }, "orders", 100)).ToDictionary(o => o.GetProperty("id").GetString()!);
        foreach (var o in orders.Values)
        {
            var w = o.GetProperty("warehouse_id").GetString()!;
            AddW(Time(o, "create_time")!.Value, w, "orders_created");
            var items = o.GetProperty("line_items").EnumerateArray().ToList();
            if (Time(o, "paid_time") is { } paid)
            {
                AddW(paid, w, "orders_paid");
                AddW(paid, w, "gmv", Money(o.GetProperty("payment").GetProperty("total_amount")));
                AddW(paid, w, "units", items.Count);
                foreach (var item in items)
                {
                    Add(paid, $"p:{item.GetProperty("product_id").GetString()}:units");
                    Add(paid, $"p:{item.GetProperty("product_id").GetString()}:sales", Money(item.GetProperty("sale_price")));
                }

                foreach (var product in items.Select(i => i.GetProperty("product_id").GetString()).Distinct())
                {
                    Add(paid, $"p:{product}:orders");
                }
            }

            if (o.GetProperty("status").GetString() == "CANCELLED")
            {
                AddW(Time(o, "cancel_time")!.Value, w, "orders_cancelled");
                AddW(Time(o, "cancel_time")!.Value, w, "orders_cancelled_seller", o.GetProperty("cancellation_initiator").GetString() == "SELLER" ? 1 : 0);
            }

            if (Time(o, "rts_time") is { } rts)
            {
                AddW(rts, w, "orders_shipped");
                AddW(rts, w, "orders_shipped_48h", rts - Time(o, "paid_time")!.Value <= FastDispatchSeconds ? 1 : 0);
                AddW(rts, w, "orders_shipped_late", rts > Time(o, "rts_sla_time")!.Value ? 1 : 0);
            }

            if (Time(o, "delivery_time") is { } delivered)
            {
                AddW(delivered, w, "orders_delivered");
                Add(delivered, $"delivery_hours:{(delivered - Time(o, "collection_time")!.Value) / 3600}");
            }
        }

        foreach (var r in await session.SearchAllAsync("/return_refund/202309/returns/search", new { }, "return_orders", 50))
        {
            var order = orders[r.GetProperty("order_id").GetString()!];
            var w = order.GetProperty("warehouse_id").GetString()!;
            var created = Time(r, "create_time")!.Value;
            var reason = SubReason(r, order);
            AddW(created, w, "returns_requested");
            AddW(created, w, "returns_requested:" + reason);
            if (r.GetProperty("return_status").GetString() == "RETURN_OR_REFUND_REQUEST_COMPLETE")
            {
                var updated = Time(r, "update_time")!.Value;
                var amount = Money(r.GetProperty("refund_amount").GetProperty("refund_total"));
                foreach (var field in new[] { "refunds_completed", "refunds_completed:" + reason })
                {
                    AddW(updated, w, field);
                }

                AddW(updated, w, "refund_amount", amount);
                AddW(updated, w, "refund_amount:" + reason, amount);
                Add(updated, $"p:{order.GetProperty("line_items")[0].GetProperty("product_id").GetString()}:refunds");
            }
        }

        foreach (var p in await session.SearchAllAsync("/fulfillment/202309/packages/search", new { }, "packages", 50))
        {
            var order = orders[p.GetProperty("orders")[0].GetProperty("id").GetString()!];
            // Final packages only (COMPLETED, or CANCELLED after shipment), as OpenClaw fetches tracking.
            if (Time(order, "rts_time") is not { } rts || p.GetProperty("status").GetString() is not ("COMPLETED" or "CANCELLED"))
            {
                continue;
            }

            var tracking = await session.GetAsync($"/fulfillment/202309/orders/{order.GetProperty("id").GetString()}/tracking");
            var scans = tracking.Data.GetProperty("tracking").EnumerateArray().ToList();
            Add(rts, "orders_tracked");
            Add(rts, "orders_tracking_valid", scans.Count > 0 ? 1 : 0);
            foreach (var scan in scans)
            {
                if (CarrierCode().Match(scan.GetProperty("description").GetString()!) is { Success: true } m)
                {
                    var raw = $"{m.Groups[1].Value} {m.Groups[2].Value}";
                    var time = scan.GetProperty("update_time_millis").GetInt64() / 1000;
                    Add(time, "logistics_exception_codes:" + raw);
                    Add(time, "logistics_exceptions:" + CarrierExceptionCodes.All.Single(c => c.RawCode == raw).Category);
                }
            }
        }

        return (days, await ProductsAsync(session, Add));
    }

    private static async Task<SortedDictionary<string, long>> ProductsAsync(Session session, Action<long, string, long> add)
    {
        var snapshot = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var summary in await session.SearchAllAsync("/product/202309/products/search", new { }, "products", 100))
        {
            var detail = (await session.GetAsync($"/product/202309/products/{summary.GetProperty("id").GetString()}")).Data;
            var status = detail.GetProperty("status").GetString();
            var audit = detail.GetProperty("audit").GetProperty("status").GetString();
            var fields = new List<string>();
            fields.AddRange(audit is "APPROVED" or "PRE_APPROVED" ? ["products_audit_passed"] : []);
            if (audit == "FAILED")
            {
                fields.Add("products_audit_failed");
                fields.AddRange(detail.GetProperty("audit_failed_reasons").EnumerateArray()
                    .SelectMany(r => r.GetProperty("reasons").EnumerateArray()).Select(r => "audit_failed_reason:" + r.GetString()));
            }

            fields.AddRange(status is "SELLER_DEACTIVATED" or "PLATFORM_DEACTIVATED" ? ["products_deactivated"] : []);
            fields.AddRange(status == "FREEZE" ? ["products_frozen"] : []);
            fields.AddRange(status is "PLATFORM_DEACTIVATED" or "FREEZE" || audit == "FAILED" ? ["violations"] : []);
            fields.Add("products_total");
            fields.AddRange(status == "ACTIVATE" ? ["products_active"] : []);
            foreach (var field in fields)
            {
                snapshot[field] = snapshot.GetValueOrDefault(field) + 1;
                if (field is not ("products_total" or "products_active"))
                {
                    add(detail.GetProperty("update_time").GetInt64(), field, 1);
                }
            }
        }

        return snapshot;
    }

    /// <summary>docs/metrics.md "Refund sub-reasons", first rule that applies.</summary>
    private static string SubReason(JsonElement ret, JsonElement order)
    {
        if (ret.GetProperty("role").GetString() == "SELLER")
        {
            return "seller_initiated";
        }

        var reason = ret.GetProperty("return_reason").GetString()!;
        if (reason.Contains("refused", StringComparison.OrdinalIgnoreCase) || reason.Contains("reject_receive", StringComparison.OrdinalIgnoreCase))
        {
            return "refused_on_delivery";
        }

        return Time(order, "rts_time") is not { } rts || Time(ret, "create_time") < rts ? "refund_before_shipment" : "return_after_delivery";
    }

    private static long? Time(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Number ? e.GetProperty(name).GetInt64() : null;

    private static long Money(JsonElement amount) => (long)(decimal.Parse(amount.GetString()!, CultureInfo.InvariantCulture) * 100m);

    [GeneratedRegex("^(.+) ([A-Z0-9][A-Z0-9-]*): ")]
    private static partial Regex CarrierCode();
}
