using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Dashboard.Authentication;

namespace OpenClaw.Dashboard.Tests;

/// <summary>The typed client against canned HTTP answers: the key it sends, how it reads shapes, and what a 401 does.</summary>
public sealed class ApiClientTests : BunitContext
{
    private readonly List<HttpRequestMessage> requests = [];
    private readonly List<string?> sentBodies = [];
    private HttpStatusCode status = HttpStatusCode.OK;
    private string body = "{}";

    private OpenClawApiClient Client(string? key = "ock_signed_in")
    {
        var user = key is null ? new ClaimsPrincipal() : new ClaimsPrincipal(new ClaimsIdentity([new Claim(SignedInApiKey.ClaimType, key)], "cookie"));
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = user } };
        var http = new HttpClient(new CannedHandler(this)) { BaseAddress = new Uri("http://api.test") };
        return new OpenClawApiClient(http, new SignedInApiKey(accessor), new SessionExpiry(Services.GetRequiredService<NavigationManager>()), NullLogger<OpenClawApiClient>.Instance);
    }

    [Fact]
    public async Task ListAlerts_WrappedInItems_ReadsThemWithTheSignedInKey()
    {
        body = """{"items":[{"fingerprint":"fp1","status":"firing","severity":"critical","shop_name":"深圳美妆旗舰店","unknown_field":1}],"next_cursor":null}""";

        var result = await Client().ListAlertsAsync("firing", "7495", Xunit.TestContext.Current.CancellationToken);

        Assert.Equal("深圳美妆旗舰店", Assert.Single(result.Value!).ShopName);
        var request = Assert.Single(requests);
        Assert.Equal("Bearer ock_signed_in", request.Headers.Authorization!.ToString());
        Assert.Equal("/api/v1/alerts?status=firing&limit=200&shop_id=7495", request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task ListAlertRules_RuleSetOfTheApi_ReadsRulesWithSeconds()
    {
        body = """{"version":3,"rules":[{"rule_id":"late_dispatch","metric_key":"late_dispatch_rate","comparator":"greater_than","threshold":4,"recovery_threshold":null,"window_seconds":604800,"for_seconds":900,"severity":"warning","scope":{"kind":"tenant","value":null},"enabled":true}]}""";

        var result = await Client().ListAlertRulesAsync(Xunit.TestContext.Current.CancellationToken);

        var rule = Assert.Single(result.Value!);
        Assert.Equal((604800L, 900L, "tenant"), (rule.WindowSeconds, rule.ForSeconds, rule.Scope!.Kind));
        Assert.Equal("/api/v1/alerts/rules", Assert.Single(requests).RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task SaveAlertRule_NewRule_PutsTheApisBodyWithoutTheId()
    {
        var rule = new AlertRuleItem("late", "late_dispatch_rate", "greater_than", 4, 604800, 900, "warning", 3, new AlertScope("tenant", null), true);

        var result = await Client().SaveAlertRuleAsync(rule, Xunit.TestContext.Current.CancellationToken);

        Assert.True(result.IsOk);
        var request = Assert.Single(requests);
        Assert.Equal((HttpMethod.Put, "/api/v1/alerts/rules/late"), (request.Method, request.RequestUri!.PathAndQuery));
        using var document = System.Text.Json.JsonDocument.Parse(Assert.Single(sentBodies)!);
        var sent = document.RootElement;
        Assert.Equal(["metric_key", "comparator", "threshold", "recovery_threshold", "window_seconds", "for_seconds", "severity", "scope", "enabled"],
            sent.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task SaveChannel_NewChannel_PutsUnderItsId()
    {
        var result = await Client().SaveChannelAsync("webhook-1", new ChannelInput("webhook", "Ops", "english", "UTC", "https://hooks.example/x", "s3cret"),
            Xunit.TestContext.Current.CancellationToken);

        Assert.True(result.IsOk);
        var request = Assert.Single(requests);
        Assert.Equal((HttpMethod.Put, "/api/v1/channels/webhook-1"), (request.Method, request.RequestUri!.PathAndQuery));
        Assert.Contains("\"time_zone\":\"UTC\"", Assert.Single(sentBodies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestChannel_ReceiverRefused_ReadsTheOutcome()
    {
        body = """{"outcome":"failed","error":"HTTP 403"}""";

        var result = await Client().TestChannelAsync("webhook-1", Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(new ChannelTestResult("failed", "HTTP 403"), result.Value);
        Assert.False(result.Value!.Delivered);
    }

    [Fact]
    public async Task ListOpsErrors_Filter_UsesTheApisParameterNamesAndTimes()
    {
        body = """{"items":[{"shop_id":"7495","endpoint":"/order/202309/orders/search","code":"36009003","tiktok_code":36009003,"http_status":429,"method":"POST","message":"Too many","request_id":"r1","category":"rate_limit","first_seen":"2026-11-30T01:00:00+00:00","last_seen":"2026-11-30T02:00:00+00:00","occurrences":5,"recovered":4,"max_retries":3,"last_retries":1,"request_excerpt":null,"response_excerpt":null,"diagnosis_en":"Rate limited","fix_en":"Wait","diagnosis_zh":"限流","fix_zh":"等待","group_id":"g1"}],"next_cursor":"c2"}""";
        var filter = new OpsErrorFilter("36009003", 429, "/order/202309/orders/search", "7495", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), 2);

        var result = await Client().ListOpsErrorsAsync(filter, "c1", Xunit.TestContext.Current.CancellationToken);

        var item = Assert.Single(result.Value!.Items);
        Assert.Equal(("36009003", 3, "限流", "c2"), (item.TikTokCode, item.MaxRetries, item.Diagnosis(chinese: true), result.Value.NextCursor));
        Assert.Equal("/api/v1/ops-errors?code=36009003&httpStatus=429&endpoint=%2Forder%2F202309%2Forders%2Fsearch&shopId=7495"
            + "&from=2026-11-01T00%3A00%3A00Z&to=2026-11-30T23%3A59%3A59Z&minRetries=2&limit=200&cursor=c1", Assert.Single(requests).RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task SummarizeOpsErrors_ByHttpStatus_ReadsTheItems()
    {
        body = """{"by":"httpStatus","items":[{"key":"429","groups":2,"occurrences":7,"last_seen":"2026-11-30T02:00:00+00:00"}],"truncated":false}""";

        var result = await Client().SummarizeOpsErrorsAsync("httpStatus", new OpsErrorFilter(null, null, null, null, null, null, null), Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(("429", 2L, 7L), (Assert.Single(result.Value!).Key, result.Value![0].Groups, result.Value[0].Occurrences));
        Assert.Equal("/api/v1/ops-errors/summary?by=httpStatus", Assert.Single(requests).RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task GetOverview_EndpointMissing404_IsUnavailableNotAnError()
    {
        status = HttpStatusCode.NotFound;
        body = """{"title":"Not Found","status":404}""";

        var result = await Client().GetOverviewAsync(new DayRange(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30)), Xunit.TestContext.Current.CancellationToken);

        Assert.True(result.IsUnavailable);
        Assert.Equal("/api/v1/metrics/overview?from=2026-11-24&to=2026-11-30&limit=1000", Assert.Single(requests).RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task ListShops_KeyRevoked401_SendsOperatorToSignIn()
    {
        status = HttpStatusCode.Unauthorized;

        var result = await Client().ListShopsAsync(100, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(ApiOutcome.Unauthorized, result.Outcome);
        Assert.EndsWith("/" + SessionExpiry.ExpiredPath, Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetPaused_Shop_PatchesWithTheETagItRead()
    {
        var result = await Client().SetPausedAsync("7495", paused: true, Xunit.TestContext.Current.CancellationToken);

        Assert.True(result.IsOk);
        Assert.Equal([HttpMethod.Get, HttpMethod.Patch], requests.Select(r => r.Method));
        Assert.Equal("\"7\"", requests[1].Headers.GetValues("If-Match").Single());
    }

    [Fact]
    public async Task CopyCsv_PathOutsideTheApi_RefusedWithoutARequest()
    {
        var result = await Client().CopyCsvAsync("/api/v1/shops/../../admin", Stream.Null, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(ApiOutcome.Failed, result.Outcome);
        Assert.Empty(requests);
    }

    private sealed class CannedHandler(ApiClientTests test) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            test.requests.Add(request);
            // The client disposes the request after sending: keep what it sent.
            test.sentBodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
            var response = new HttpResponseMessage(test.status) { Content = new StringContent(test.body, Encoding.UTF8, "application/json") };
            response.Headers.ETag = new("\"7\"");
            return response;
        }
    }
}
