using System.Text.Json;
using OpenClaw.TikTokShop.Tests.Signing;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Events;

/// <summary>Contract §5: the webhook address is sent exactly as the operator wrote it.</summary>
public sealed class WebhookSubscribeTests
{
    [Fact]
    public async Task A_host_only_address_is_sent_without_an_added_trailing_slash_byte_for_byte()
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success("{}"));
        var client = TestClients.Client(stub.BaseUrl);

        var result = await client.Webhooks.SubscribeAsync(TestClients.Shop, "ORDER_STATUS_CHANGE", new Uri("https://partner.tiktokshop.com"),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        var request = Assert.Single(stub.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("""{"address":"https://partner.tiktokshop.com","event_type":"ORDER_STATUS_CHANGE"}"""u8.ToArray(), request.Body);
        // The signature covers those exact bytes.
        Assert.Equal(ReferenceSigner.Sign(TestClients.AppSecret, request.Path,
            request.Query.Where(q => q.Key != "sign").Select(q => (q.Key, q.Value)), request.Body), request.Query["sign"]);
    }

    [Theory]
    [InlineData("https://partner.tiktokshop.com/")]
    [InlineData("https://openclaw.example.test/webhooks/tiktok")]
    [InlineData("HTTPS://OpenClaw.Example.Test/Hooks/TikTok")]               // AbsoluteUri would lower-case scheme and host
    [InlineData("https://openclaw.example.test:443/hook")]                   // ... drop the default port
    [InlineData("https://openclaw.example.test/hook?shop=a&tag=%7Eb")]       // ... and unescape %7E
    [InlineData("https://openclaw.example.test/a/../hook")]                  // ... and resolve dot segments
    public async Task Any_absolute_address_is_sent_as_written(string address)
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success("{}"));
        var client = TestClients.Client(stub.BaseUrl);

        (await client.Webhooks.SubscribeAsync(TestClients.Shop, "ORDER_STATUS_CHANGE", new Uri(address),
            cancellationToken: TestContext.Current.CancellationToken)).GetValueOrThrow();

        using var body = JsonDocument.Parse(Assert.Single(stub.Requests).Body);
        Assert.Equal(address, body.RootElement.GetProperty("address").GetString());
    }

    [Theory]
    [InlineData("/relative/hook", UriKind.Relative)]
    [InlineData(" https://openclaw.example.test/hook", UriKind.Absolute)]
    [InlineData("https://openclaw.example.test/hook ", UriKind.Absolute)]
    public async Task Relative_or_padded_addresses_are_argument_errors_before_any_request(string address, UriKind kind)
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success("{}"));
        var client = TestClients.Client(stub.BaseUrl);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Webhooks.SubscribeAsync(TestClients.Shop, "ORDER_STATUS_CHANGE", new Uri(address, kind),
            cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(stub.Requests);
    }
}
