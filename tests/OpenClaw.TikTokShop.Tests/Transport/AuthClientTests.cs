using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Transport;

public sealed class AuthClientTests
{
    private const string Grant = """
        {"access_token":"AT-secret","access_token_expire_in":1795000000,"refresh_token":"RT-secret","refresh_token_expire_in":1820000000,
         "open_id":"open-1","seller_name":"Demo","seller_base_region":"US","user_type":0,"granted_scopes":["seller.order.info"]}
        """;

    // Expiries are judged against the client's clock: about 6 days before the access token above expires.
    private static readonly FixedClock Clock = new(DateTimeOffset.FromUnixTimeSeconds(1_794_500_000));

    [Fact]
    public async Task Exchanging_a_code_uses_authorized_code_grant_and_reads_absolute_expiry_times()
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success(Grant));
        var auth = TestClients.Auth(stub.BaseUrl, time: Clock);

        var grant = (await auth.ExchangeCodeAsync("code-123", cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/api/v2/token/get", request.Path);
        Assert.Equal("authorized_code", request.Query["grant_type"]);
        Assert.Equal("code-123", request.Query["auth_code"]);
        Assert.Equal(TestClients.AppKey, request.Query["app_key"]);
        Assert.Equal(TestClients.AppSecret, request.Query["app_secret"]);
        Assert.False(request.Query.ContainsKey("sign"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795000000), grant.AccessTokenExpiresAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1820000000), grant.RefreshTokenExpiresAt);
        Assert.DoesNotContain("AT-secret", grant.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("RT-secret", grant.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refreshing_uses_refresh_token_grant()
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success(Grant));
        var auth = TestClients.Auth(stub.BaseUrl, time: Clock);

        Assert.True((await auth.RefreshAsync("RT-old", cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/api/v2/token/refresh", request.Path);
        Assert.Equal("refresh_token", request.Query["grant_type"]);
        Assert.Equal("RT-old", request.Query["refresh_token"]);
    }

    [Theory]
    [InlineData(36004004)]
    [InlineData(36004001)]
    [InlineData(36004005)]
    public async Task Auth_failures_say_the_seller_must_authorize_again(int code)
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Error(code, "auth failed"));
        var auth = TestClients.Auth(stub.BaseUrl);

        var result = await auth.RefreshAsync("RT", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(OpenClawReaction.Reauthorize, result.Error.Entry.Reaction);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public void Authorize_url_carries_service_id_and_state()
    {
        var auth = TestClients.Auth(new Uri("https://services.example.test/"));

        var url = auth.BuildAuthorizeUrl("state with spaces&x");

        Assert.Equal("https://services.example.test/open/authorize?service_id=7000000000000000001&state=state%20with%20spaces%26x", url.AbsoluteUri);
    }
}
