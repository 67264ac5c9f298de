using System.Text;
using OpenClaw.TestSupport;
using StackExchange.Redis;
using static OpenClaw.Silo.Tests.SiloTestContext;

namespace OpenClaw.Silo.Tests;

// The security sweep (issue 14): no credential the run used appears in anything the silos wrote for people to read.
public sealed partial class FaultSuiteTests
{
    /// <remarks>
    /// Searches everything the suite's silos wrote up to the sweep (xunit orders the scenarios by its own ids, so some run
    /// before it and some after). It first makes sure the run used every kind of credential, whatever ran before: it connects two shops (auth codes, app secret, access and refresh tokens), expires their access tokens
    /// (105002, a refresh: the refresh token and the app secret on the wire) and holds a short burst of 5xx answers and
    /// broken JSON (ops-error records with request and response excerpts). The credentials come from the simulator: every
    /// token it issued, and every signature, access token, refresh token, app secret and auth code a request carried.
    /// The places searched: every line every silo process wrote (stdout and stderr, HttpClient request lines at
    /// Information), every field of every ops-error record of the tenant in Redis, and every OTLP export (traces, logs,
    /// metrics) the silos sent.
    /// </remarks>
    [Fact]
    public async Task SecuritySweep_LogsOpsErrorsAndTelemetry_ContainNoCredentialTheRunUsed()
    {
        await FaultScenario.RunAsync(suite, "security sweep traffic", async shops =>
        {
            foreach (var shopId in shops)
            {
                await SimulatorAdmin.ExpireAccessAsync(suite.Simulator.Http, shopId, Cancellation);
            }

            await FaultScenario.InjectAsync(suite, TimeSpan.FromSeconds(3),
                new { kind = "http_status", status = 503, probability = 0.3 },
                new { kind = "malformed_json", probability = 0.3 });
        });
        await Task.Delay(TimeSpan.FromSeconds(3), Cancellation); // the silos' batch exporters send every second

        var credentials = Credentials();
        Assert.Contains(credentials.Values, k => k == "sign");
        Assert.Contains(credentials.Values, k => k == "refresh_token");
        Assert.Contains(credentials.Values, k => k == "x-tts-access-token");
        Assert.Contains(credentials.Values, k => k == "app_secret");

        var output = suite.SiloOutput;
        var opsErrors = await OpsErrorTextAsync();
        var telemetry = string.Join("\n", suite.Telemetry.Requests.Select(r => r.Path + " " + Encoding.UTF8.GetString(r.Body)));
        Log($"sweep: {credentials.Count} credentials ({string.Join(", ", credentials.Values.GroupBy(k => k).Select(g => $"{g.Key}×{g.Count()}"))}); "
            + $"searched {output.Length:N0} characters of silo output, {opsErrors.Records} ops-error records ({opsErrors.Text.Length:N0} characters), "
            + $"{suite.Telemetry.Requests.Count} OTLP exports ({telemetry.Length:N0} characters)");
        Assert.True(output.Length > 10_000, "the silos wrote almost nothing: the sweep would prove nothing");
        Assert.True(opsErrors.Records > 0, "no ops-error record to search");
        Assert.Contains(suite.Telemetry.Requests, r => r.Path == "/v1/traces");

        var leaks = CredentialSweep.Leaks(credentials, ("silo output", output), ("ops errors", opsErrors.Text), ("telemetry", telemetry));
        Assert.True(leaks.Count == 0, $"{leaks.Count} credentials found:\n{string.Join("\n", leaks.Take(20))}");
    }

    // Every credential of the run: value → kind.
    private Dictionary<string, string> Credentials()
    {
        var credentials = new Dictionary<string, string>(suite.Simulator.Requests.Credentials, StringComparer.Ordinal);
        foreach (var token in suite.Simulator.IssuedTokens)
        {
            credentials.TryAdd(token, token.StartsWith("AT_", StringComparison.Ordinal) ? "access token (issued)" : "refresh token (issued)");
        }

        credentials.TryAdd(suite.AppSecret, "app_secret");
        return credentials;
    }

    // Every field of every key of the tenant's ops errors (record hashes; the indexes hold only group ids).
    private async Task<(int Records, string Text)> OpsErrorTextAsync()
    {
        var text = new StringBuilder();
        var records = 0;
        var server = suite.Redis.Multiplexer.GetServers()[0];
        await foreach (var key in server.KeysAsync(suite.Redis.Database, $"oc:{{t:{FaultSuiteFixture.TenantId}}}:err:*"))
        {
            if (await suite.Redis.KeyTypeAsync(key) != RedisType.Hash)
            {
                continue;
            }

            records++;
            foreach (var field in await suite.Redis.HashGetAllAsync(key))
            {
                text.Append(field.Name).Append('=').Append(field.Value).Append('\n');
            }
        }

        return (records, text.ToString());
    }
}
