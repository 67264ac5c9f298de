namespace OpenClaw.TikTokShop.Tests.Support;

/// <summary>Envelope JSON for stubs.</summary>
public static class Envelopes
{
    public const string RequestId = "2026112311000012345678901234567890";

    public static string Success(string dataJson) =>
        $$"""{"code":0,"message":"Success","request_id":"{{RequestId}}","data":{{dataJson}}}""";

    public static string Error(int code, string message) =>
        $$"""{"code":{{code}},"message":"{{message}}","request_id":"{{RequestId}}","data":null}""";

    public const string OneOrder = """
        {"id":"576000000000000001","status":"AWAITING_SHIPMENT","create_time":1790000000,"update_time":1790000100,"paid_time":1790000050,
         "payment":{"currency":"USD","sub_total":"19.90","shipping_fee":"2.00","total_amount":"21.90","tax":"0"},
         "line_items":[{"id":"li1","sku_id":"sku1","product_id":"p1","product_name":"Mug","sale_price":"19.90","original_price":"24.90"}],
         "packages":[{"id":"pk1"}],"rts_sla_time":1790100000,"is_on_hold_order":false,"warehouse_id":"w1"}
        """;

    public static string OrderSearch(string? nextToken, params string[] ids) =>
        Success("{\"next_page_token\":\"" + (nextToken ?? "") + "\",\"total_count\":" + ids.Length + ",\"orders\":["
            + string.Join(',', ids.Select(id => OneOrder.Replace("576000000000000001", id, StringComparison.Ordinal))) + "]}");
}
