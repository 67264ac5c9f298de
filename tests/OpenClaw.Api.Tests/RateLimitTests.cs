using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>Per-key token buckets on an API replica started with a small limit (1 request/s, burst 3).</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RateLimitTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Burst_OverTheLimit_Gets429WithRetryAfter_OtherKeyUnaffected()
    {
        var url = await fixture.StartApiReplicaAsync("--Api:RateLimit:PermitsPerSecond=1", "--Api:RateLimit:Burst=3");
        var (_, busyKey) = await steps.NewTenantAsync("read");
        var (_, quietKey) = await steps.NewTenantAsync("read");

        using var busy = Client(url, busyKey);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 12 && refused is null; i++)
        {
            var response = await busy.GetAsync("/api/v1/shops", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            var problem = await AgencySteps.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "Retry-After in whole seconds");
            // The refusing bucket's numbers, as this replica was started with.
            Assert.Equal(1, problem.GetProperty("limit_per_second").GetInt32());
            Assert.Equal(3, problem.GetProperty("burst").GetInt32());
            Assert.Equal((int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, problem.GetProperty("retry_after_seconds").GetInt32());
            Assert.Equal("per_replica", problem.GetProperty("scope").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        using var quiet = Client(url, quietKey);
        using var other = await quiet.GetAsync("/api/v1/shops", Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private static HttpClient Client(string url, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }
}
