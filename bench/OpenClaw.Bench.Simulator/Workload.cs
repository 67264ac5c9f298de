using System.Globalization;

namespace OpenClaw.Bench.Simulator;

/// <summary>
/// The request mix of an incremental sync: mostly orders by recent update_time, some products, returns, packages and
/// full-history order pages (the expensive scan).
/// </summary>
internal static class Workload
{
    // 2026-11-01T00:00:00Z, the default clock start; windows are relative to it (the clock runs at 1x during the bench).
    private const long ClockStart = 1_793_491_200;

    /// <summary>Names of the request kinds; <c>--only NAME</c> restricts the mix to one of them.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["orders-updated", "orders-full", "products", "returns", "packages"];

    public static (HttpMethod Method, string Path, Dictionary<string, string> Query, string? Body) Next(Random random, string? only)
    {
        var roll = only switch
        {
            "orders-updated" => 0,
            "orders-full" => 50,
            "products" => 60,
            "returns" => 80,
            "packages" => 90,
            _ => random.Next(100),
        };
        var since = ClockStart - random.Next(1, 24) * 3600L;
        string Window(string lt) => string.Create(CultureInfo.InvariantCulture, $"{{\"update_time_ge\":{since},\"update_time_{lt}\":{ClockStart + 86_400}}}");
        return roll switch
        {
            < 45 => (HttpMethod.Post, "/order/202309/orders/search", Page("50", "update_time"), Window("lt")),
            < 55 => (HttpMethod.Post, "/order/202309/orders/search", Page("100", null), "{}"),
            < 70 => (HttpMethod.Post, "/product/202309/products/search", Page("50", null), "{\"status\":\"ACTIVATE\"}"),
            < 85 => (HttpMethod.Post, "/return_refund/202309/returns/search", Page("50", null), Window("lt")),
            _ => (HttpMethod.Post, "/fulfillment/202309/packages/search", Page("50", "update_time"), Window("lt")),
        };
    }

    private static Dictionary<string, string> Page(string size, string? sortField)
    {
        var query = new Dictionary<string, string> { ["page_size"] = size };
        if (sortField is not null)
        {
            query["sort_field"] = sortField;
        }

        return query;
    }
}
