using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using OpenClaw.TikTokShop;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Json;
using OpenClaw.TikTokShop.Orders;
using OpenClaw.TikTokShop.Resilience;
using OpenClaw.TikTokShop.Signing;
using OpenClaw.TikTokShop.Transport;

namespace OpenClaw.Bench.TikTokShop;

/// <summary>
/// What the client itself costs per search-orders call, without the network: signing, serialising the body,
/// building the request, parsing a 50-order envelope, and the whole call through budget, Polly and telemetry
/// against an in-memory handler.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortConfig))]
public class ClientOverheadBenchmarks
{
    private static readonly ShopAccess Shop = new("7495000000000000001", "ROW_cipher", "access-token");
    private static readonly OrderSearchQuery Query = new()
    {
        UpdateTimeFrom = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000),
        UpdateTimeTo = DateTimeOffset.FromUnixTimeSeconds(1_790_003_600),
        PageSize = 50,
    };

    private byte[] _response = [];
    private byte[] _body = [];
    private KeyValuePair<string, string>[] _query = [];
    private TikTokShopTransport _transport = null!;
    private TikTokShopClient _client = null!;
    private ApiRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _response = Encoding.UTF8.GetBytes(SearchResponse(50));
        _body = Encoding.UTF8.GetBytes("""{"update_time_ge":1790000000,"update_time_lt":1790003600}""");
        _query = [new("app_key", "bench-app"), new("timestamp", "1790000000"), new("shop_cipher", "ROW_cipher"), new("page_size", "50"),
            new("sort_field", "update_time"), new("sort_order", "ASC")];
        var options = new TikTokShopOptions { AppKey = "bench-app", AppSecret = "bench-secret", ServiceId = "1", ApiBaseUrl = "http://bench.local" };
        var http = new HttpClient(new CannedHandler(_response));
        _transport = TikTokShopClient.Standalone(http, options, new NoWaitBudget(), TimeProvider.System, null);
        _client = new TikTokShopClient(http, options, new NoWaitBudget());
        _request = new ApiRequest(HttpMethod.Post, "/order/202309/orders/search")
            .With("page_size", 50).With("sort_field", "update_time").With("sort_order", "ASC")
            .WithBody(Query.ToBody(), TikTokShopJsonContext.Default.OrderSearchBody);
    }

    [Benchmark(Description = "sign (search orders)")]
    public string Sign() => RequestSigner.Sign("bench-secret", "/order/202309/orders/search", _query, _body);

    [Benchmark(Description = "serialise body + sign + build request")]
    public HttpRequestMessage BuildRequest()
    {
        var request = new ApiRequest(HttpMethod.Post, "/order/202309/orders/search")
            .With("page_size", 50).With("sort_field", "update_time").With("sort_order", "ASC")
            .WithBody(Query.ToBody(), TikTokShopJsonContext.Default.OrderSearchBody);
        return _transport.BuildMessage(request, Shop);
    }

    [Benchmark(Description = "parse envelope + 50 orders")]
    public int ParseResponse() =>
        ResponseInterpreter.Interpret(200, _response, null, "/order/202309/orders/search", TikTokShopJsonContext.Default.OrderSearchData, out _)
            .Value!.Orders!.Count;

    [Benchmark(Description = "whole call, in-memory handler")]
    public async Task<int> WholeCall() => (await _client.Orders.SearchAsync(Shop, Query)).Value!.Items.Count;

    private static string SearchResponse(int orders)
    {
        var order = """
            {"id":"5760000000000000{0}","status":"AWAITING_SHIPMENT","create_time":1790000000,"update_time":1790000100,"paid_time":1790000050,
             "payment":{"currency":"USD","sub_total":"19.90","shipping_fee":"2.00","total_amount":"21.90","seller_discount":"0.00","platform_discount":"0.00","tax":"1.20"},
             "line_items":[{"id":"li{0}","sku_id":"sku1","product_id":"p1","product_name":"Mug","seller_sku":"MUG-1","sale_price":"19.90","original_price":"24.90","display_status":"AWAITING_SHIPMENT","package_id":"pk{0}","package_status":"PROCESSING"}],
             "packages":[{"id":"pk{0}"}],"shipping_type":"TIKTOK","fulfillment_type":"FULFILLMENT_BY_SELLER","rts_sla_time":1790100000,"tts_sla_time":1790200000,
             "is_on_hold_order":false,"warehouse_id":"w1"}
            """;
        var list = string.Join(',', Enumerable.Range(0, orders).Select(i => order.Replace("{0}", i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        return "{\"code\":0,\"message\":\"Success\",\"request_id\":\"2026112312000012345678901234567890\",\"data\":{\"next_page_token\":\"abc\",\"total_count\":500,\"orders\":[" + list + "]}}";
    }

    private sealed class ShortConfig : ManualConfig
    {
        public ShortConfig() => AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1));
    }

    private sealed class NoWaitBudget : IRateBudget
    {
        public ValueTask<TimeSpan> AcquireAsync(string shopId, CallPriority priority, CancellationToken cancellationToken) => ValueTask.FromResult(TimeSpan.Zero);

        public void ReportRateLimited(string shopId, TimeSpan? retryAfter)
        {
        }
    }

    private sealed class CannedHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }
}
