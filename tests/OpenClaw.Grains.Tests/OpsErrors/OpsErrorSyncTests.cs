using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.Grains.Tests.Sync;
using OpenClaw.TestSupport;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.OpsErrors;

/// <summary>The simulator of <see cref="OpsErrorSyncTests"/>, with a tap on every credential sent or issued.</summary>
public sealed class OpsErrorSyncFixture : SyncFixture
{
    /// <inheritdoc />
    protected override int Seed => 910;

    /// <summary>Credentials that crossed the wire.</summary>
    public CredentialTap Credentials { get; } = new();

    /// <inheritdoc />
    protected override void ConfigureSimulator(IServiceCollection services) => services.AddSingleton<IStartupFilter>(Credentials);
}

/// <summary>Issue 10: shops syncing against injected faults leave grouped, searchable, credential-free ops error records.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class OpsErrorSyncTests(OpsErrorSyncFixture fixture) : IClassFixture<OpsErrorSyncFixture>
{
    private const string Tenant = "tenant-opserr";
    private const string Orders = "/order/202309/orders/search";
    private const string Products = "/product/202309/products/search";
    private const string Returns = "/return_refund/202309/returns/search";
    private const string Refresh = "/api/v2/token/refresh";

    [Fact]
    public async Task FaultsDuringSync_AreRecordedPerShopEndpointAndCode_WithRetriesDiagnosisAndNoCredentials()
    {
        var ids = await fixture.ShopIdsAsync();
        var (a, b, c, d) = (ids[0], ids[1], ids[2], ids[3]);
        object[] rules =
        [
            new { kind = "error", code = 36009003, count = 2, path_prefix = Orders, shop_id = a },    // two retries, then success
            new { kind = "error", code = 36009003, count = 4, path_prefix = Orders, shop_id = b },    // all 4 attempts fail
            new { kind = "malformed_json", count = 1, path_prefix = Products, shop_id = c },          // not retryable
            new { kind = "http_status", status = 503, count = 1, path_prefix = Returns, shop_id = c }, // no envelope
            new { kind = "rate_limit", count = 1, path_prefix = Orders, shop_id = d },
            new { kind = "error", code = 105002, count = 1, path_prefix = Products, shop_id = d },    // forces a token refresh …
            new { kind = "http_status", status = 503, count = 1, path_prefix = Refresh },             // … whose first attempt fails
        ];
        foreach (var rule in rules)
        {
            await fixture.AdminAsync(HttpMethod.Post, "/_sim/faults", rule);
        }

        await fixture.ConnectAllAsync(Tenant);
        using var redis = await ConnectionMultiplexer.ConnectAsync((await SharedRedis.GetAsync()).ConnectionString);
        var search = new OpsErrorSearch(redis, Options.Create(new OpsErrorOptions()), TimeProvider.System);
        (string Shop, string Endpoint, string Code)[] expected =
        [
            (a, Orders, "36009003"), (b, Orders, "36009003"), (c, Products, "bad_response"), (c, Returns, "http_503"),
            (d, Orders, "36009002"), (d, Products, "105002"), (d, Refresh, "http_503"),
        ];
        var found = new Dictionary<(string, string, string), OpsErrorRecord>();
        await Eventually.TrueAsync(async () =>
        {
            foreach (var key in expected.Where(k => !found.ContainsKey(k)))
            {
                var (items, _) = await search.SearchAsync(Tenant, new OpsErrorFilter(Code: key.Code, Endpoint: key.Endpoint, ShopId: key.Shop), 10, null);
                if (items.Count == 1)
                {
                    found[key] = items[0];
                }
            }

            return found.Count == expected.Length;
        }, TimeSpan.FromMinutes(3), () => "missing: " + string.Join(", ", expected.Where(k => !found.ContainsKey(k))));

        Assert.All(found.Values, r =>
        {
            Assert.Equal(1, r.Occurrences);
            Assert.False(string.IsNullOrEmpty(r.DiagnosisEn));
            Assert.False(string.IsNullOrEmpty(r.FixEn));
            Assert.Contains(r.DiagnosisZh!, s => s >= '\u4e00' && s <= '\u9fff'); // Chinese text, not a copy of the English
            Assert.Contains(r.FixZh!, s => s >= '\u4e00' && s <= '\u9fff');
            Assert.StartsWith(r.Method + " " + r.Endpoint.Split('{')[0], r.RequestExcerpt, StringComparison.Ordinal);
        });

        AssertGroup(found[(a, Orders, "36009003")], http: 500, tiktokCode: 36009003, retries: 2, recovered: 1, requestId: true);
        AssertGroup(found[(b, Orders, "36009003")], http: 500, tiktokCode: 36009003, retries: 3, recovered: 0, requestId: true);
        AssertGroup(found[(c, Products, "bad_response")], http: 200, tiktokCode: null, retries: 0, recovered: 0, requestId: false);
        AssertGroup(found[(c, Returns, "http_503")], http: 503, tiktokCode: null, retries: 1, recovered: 1, requestId: false);
        // After a 429 the budget pauses the shop: the retry either waits out the pause and succeeds, or (the pause outlasts
        // the sync's patience) is refused and the sync comes back later; either way the 429 is on record.
        var limited = found[(d, Orders, "36009002")];
        var retried429 = limited.Recovered == 1;
        AssertGroup(limited, http: 429, tiktokCode: 36009002, retries: retried429 ? 1 : 0, recovered: retried429 ? 1 : 0, requestId: true);
        AssertGroup(found[(d, Products, "105002")], http: 401, tiktokCode: 105002, retries: 1, recovered: 1, requestId: true);
        AssertGroup(found[(d, Refresh, "http_503")], http: 503, tiktokCode: null, retries: 1, recovered: 1, requestId: false);
        Assert.Contains("app_secret=***", found[(d, Refresh, "http_503")].RequestExcerpt, StringComparison.Ordinal);
        Assert.Contains("refresh_token=***", found[(d, Refresh, "http_503")].RequestExcerpt, StringComparison.Ordinal);
        Assert.Contains("36009003", found[(b, Orders, "36009003")].ResponseExcerpt, StringComparison.Ordinal);

        // Filters answer exactly the matching groups.
        var (http503, _) = await search.SearchAsync(Tenant, new OpsErrorFilter(HttpStatus: 503), 100, null, TestContext.Current.CancellationToken);
        Assert.Equal(
            [(c, Returns, "http_503"), (d, Refresh, "http_503")],
            http503.Select(r => (r.ShopId, r.Endpoint, r.Code)).Order().ToArray());
        var (retried, _) = await search.SearchAsync(Tenant, new OpsErrorFilter(MinRetries: 2), 100, null, TestContext.Current.CancellationToken);
        Assert.Equal([(a, Orders, "36009003"), (b, Orders, "36009003")], retried.Select(r => (r.ShopId, r.Endpoint, r.Code)).Order().ToArray());

        // No credential that crossed the wire is anywhere in the stored values, indexes included.
        var stored = await RawValuesAsync(redis, Tenant);
        var secrets = fixture.Credentials.Values.Append("openclaw-demo-secret").ToArray();
        Assert.True(secrets.Length > 8, "the tap saw too few credentials to prove anything");
        Assert.DoesNotContain(secrets, s => stored.Contains(s, StringComparison.Ordinal));
    }

    private static void AssertGroup(OpsErrorRecord r, int? http, int? tiktokCode, int retries, int recovered, bool requestId)
    {
        Assert.Equal(http, r.HttpStatus);
        Assert.Equal(tiktokCode, r.TikTokCode);
        Assert.Equal(retries, r.MaxRetries);
        Assert.Equal(retries, r.LastRetries);
        Assert.Equal(recovered, r.Recovered);
        Assert.Equal(requestId, r.RequestId is { Length: 34 });
        Assert.True(r.FirstSeen <= r.LastSeen);
    }

    private static async Task<string> RawValuesAsync(ConnectionMultiplexer redis, string tenant)
    {
        var db = redis.GetDatabase();
        var text = new System.Text.StringBuilder();
        foreach (var server in redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: $"oc:{{t:{tenant}}}:err:*", pageSize: 500))
            {
                text.Append(key).Append('\n');
                if (await db.KeyTypeAsync(key) == RedisType.Hash)
                {
                    foreach (var field in await db.HashGetAllAsync(key))
                    {
                        text.Append(field.Name).Append('=').Append(field.Value).Append('\n');
                    }
                }
                else
                {
                    text.AppendJoin('\n', await db.SortedSetRangeByRankAsync(key)).Append('\n');
                }
            }
        }

        Assert.True(text.Length > 0, "no ops error keys were found");
        return text.ToString();
    }
}
