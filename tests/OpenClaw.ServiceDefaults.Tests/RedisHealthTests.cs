using System.Net;
using Microsoft.AspNetCore.Builder;
using OpenClaw.TestSupport;

namespace OpenClaw.ServiceDefaults.Tests;

[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RedisHealthTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Health_turns_unhealthy_when_Redis_stops_and_healthy_again_when_it_is_back()
    {
        var app = TestService.Build(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redis.Server.ConnectionString });
        await app.StartAsync();
        try
        {
            using var client = TestService.ClientFor(app);
            Assert.Equal(HttpStatusCode.OK, await StatusOf(client, "/health"));

            await redis.Server.StopAsync();
            Assert.True(await Eventually(client, "/health", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20)), "/health never reported the Redis outage");
            Assert.Equal(HttpStatusCode.OK, await StatusOf(client, "/alive")); // the process itself is fine

            await redis.Server.StartAgainAsync();
            Assert.True(await Eventually(client, "/health", HttpStatusCode.OK, TimeSpan.FromSeconds(30)), "/health did not recover after Redis came back");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Health_body_names_the_failing_check()
    {
        var app = TestService.Build(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = "127.0.0.1:" + FreePort.Next() });
        await app.StartAsync();
        try
        {
            using var client = TestService.ClientFor(app);
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("\"redis\"", body, StringComparison.Ordinal);
            Assert.Contains("Unhealthy", body, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<HttpStatusCode> StatusOf(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<bool> Eventually(HttpClient client, string path, HttpStatusCode expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await StatusOf(client, path) == expected)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
