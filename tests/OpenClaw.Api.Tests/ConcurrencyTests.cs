using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>PATCH with <c>If-Match</c> is a compare-and-set in the shop grain: of writers holding the same ETag exactly one wins.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class ConcurrencyTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentPatches_SameETag_ExactlyOneWins_OthersGet412()
    {
        var (_, key) = await steps.NewTenantAsync("write");
        var shopId = fixture.ClaimShop();
        await steps.OnboardAsync(key, shopId);
        using var client = fixture.NewApiClient(key);
        for (var round = 0; round < 5; round++)
        {
            var (_, etag) = await steps.ShopAsync(key, shopId);
            var writers = Enumerable.Range(0, 4).Select(async writer =>
            {
                using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/shops/{shopId}")
                {
                    Content = JsonContent.Create(new { tags = new[] { $"round-{round}-writer-{writer}" } }),
                };
                patch.Headers.TryAddWithoutValidation("If-Match", etag);
                using var response = await client.SendAsync(patch, Ct);
                return (Writer: writer, response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
            });
            var outcomes = await Task.WhenAll(writers);

            var winner = Assert.Single(outcomes, o => o.StatusCode == HttpStatusCode.OK);
            Assert.All(outcomes.Where(o => o != winner), o => Assert.Equal(HttpStatusCode.PreconditionFailed, o.StatusCode));
            var (shop, after) = await steps.ShopAsync(key, shopId);
            Assert.Equal($"round-{round}-writer-{winner.Writer}", Assert.Single(shop.GetProperty("settings").GetProperty("tags").EnumerateArray()).GetString());
            Assert.NotEqual(etag, after);
        }
    }
}
