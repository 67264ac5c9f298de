using System.Net;
using Microsoft.AspNetCore.Builder;
using OpenClaw.TestSupport;

namespace OpenClaw.ServiceDefaults.Tests;

/// <summary>
/// Readiness follows the real Redis/Garnet server through <c>AddOpenClawRedis</c> (Aspire's keyed client and its health
/// check): the server is SIGKILLed and restarted on the same port while liveness stays green.
/// </summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class RedisHealthTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Health_turns_unhealthy_when_Redis_dies_and_healthy_again_when_it_is_back_while_alive_stays_up()
    {
        var ct = TestContext.Current.CancellationToken;
        var app = TestService.Build(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redis.Server.ConnectionString }, redis: true);
        await app.StartAsync(ct);
        try
        {
            using var client = TestService.ClientFor(app);
            Assert.Equal(HttpStatusCode.OK, await client.StatusOfAsync("/health", ct));

            await redis.Server.StopAsync();
            await Eventually.UntilAsync(async () => await client.StatusOfAsync("/health", ct) == HttpStatusCode.ServiceUnavailable, timeoutMs: 20_000);
            Assert.Equal(HttpStatusCode.OK, await client.StatusOfAsync("/alive", ct)); // the process itself is fine

            await redis.Server.StartAgainAsync();
            await Eventually.UntilAsync(async () => await client.StatusOfAsync("/health", ct) == HttpStatusCode.OK, timeoutMs: 30_000);
            Assert.Equal(HttpStatusCode.OK, await client.StatusOfAsync("/alive", ct));
        }
        finally
        {
            await app.StopAsync(ct);
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Health_body_names_the_failing_Redis_check_while_alive_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        // Nothing listens on this port: the service starts, but it is not ready.
        var app = TestService.Build(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = "127.0.0.1:" + FreePort.Next() }, redis: true);
        await app.StartAsync(ct);
        try
        {
            using var client = TestService.ClientFor(app);
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Matches("\"[^\"]*[Rr]edis[^\"]*\":\\{\"status\":\"Unhealthy\"", body);
            Assert.Equal(HttpStatusCode.OK, await client.StatusOfAsync("/alive", ct));
        }
        finally
        {
            await app.StopAsync(ct);
            await app.DisposeAsync();
        }
    }
}
