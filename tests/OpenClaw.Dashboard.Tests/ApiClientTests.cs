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
        Assert.Equal("/api/v1/alerts?status=firing&shop_id=7495", request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task GetOverview_EndpointMissing404_IsUnavailableNotAnError()
    {
        status = HttpStatusCode.NotFound;
        body = """{"title":"Not Found","status":404}""";

        var result = await Client().GetOverviewAsync(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30), Xunit.TestContext.Current.CancellationToken);

        Assert.True(result.IsUnavailable);
        Assert.Equal("/api/v1/metrics/overview?from=2026-11-24&to=2026-11-30", Assert.Single(requests).RequestUri!.PathAndQuery);
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
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            test.requests.Add(request);
            var response = new HttpResponseMessage(test.status) { Content = new StringContent(test.body, Encoding.UTF8, "application/json") };
            response.Headers.ETag = new("\"7\"");
            return Task.FromResult(response);
        }
    }
}
