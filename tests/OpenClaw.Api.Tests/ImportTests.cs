using System.Net.Http.Headers;
using System.Text;
using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary><c>POST /api/v1/shops/import</c>: a CSV of already-issued tokens, each row on its own.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class ImportTests(ApiFixture fixture)
{
    private const string Header = "access_token,access_token_expires_at,refresh_token,refresh_token_expires_at,granted_scopes";
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Import_MixedRows_EachRowOnItsOwn_NoTokenEchoed(bool byteOrderMark)
    {
        var (_, key) = await steps.NewTenantAsync("write");
        using var client = fixture.NewApiClient(key);
        var (fresh, known) = (fixture.ClaimShop(), fixture.ClaimShop());
        (await client.PostAsJsonAsync("/api/v1/shops", await steps.RegistrationBodyAsync(known), Ct)).EnsureSuccessStatusCode();
        var a = await steps.IssuedTokensAsync(fresh);
        var b = await steps.IssuedTokensAsync(known);
        var csv = string.Join("\r\n",
            Header,
            $"{a.AccessToken},{a.AccessExpiresAt},{a.RefreshToken},{a.RefreshExpiresAt},",
            $"{a.AccessToken},tomorrow,{a.RefreshToken},{a.RefreshExpiresAt},",
            $"forged-access,2030-01-01T00:00:00+08:00,forged-refresh,2031-01-01T00:00:00Z,",
            $"\"unclosed,{a.AccessExpiresAt},x,{a.RefreshExpiresAt},",
            $",,,,",
            $" {b.AccessToken} ,{b.AccessExpiresAt},{b.RefreshToken},{b.RefreshExpiresAt},seller.order.info seller.product.basic") + "\r\n";

        using var response = await PostCsvAsync(client, csv, byteOrderMark);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        foreach (var token in new[] { a.AccessToken, a.RefreshToken, b.AccessToken, b.RefreshToken, "forged-access", "forged-refresh" })
        {
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }

        var results = JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("row").GetInt64(), r => r);
        Assert.Equal([2L, 3, 4, 5, 6, 7], results.Keys.Order());
        AssertRow(results[2], fresh, "created");
        AssertRow(results[7], known, "updated");
        foreach (var bad in new long[] { 3, 4, 5, 6 })
        {
            AssertRow(results[bad], null, "failed");
            Assert.False(string.IsNullOrEmpty(results[bad].GetProperty("error").GetString()));
        }

        Assert.Contains("access_token_expires_at", results[3].GetProperty("error").GetString(), StringComparison.Ordinal);
        var (shop, _) = await steps.ShopAsync(key, fresh);
        Assert.Equal("active", shop.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Import_TooManyRowsWrongTypeOrHeader_RefusedWhole()
    {
        var (_, key) = await steps.NewTenantAsync("write");
        using var client = fixture.NewApiClient(key);
        var tooMany = Header + "\n" + string.Concat(Enumerable.Repeat("a,2030-01-01T00:00:00Z,b,2030-01-01T00:00:00Z,\n", 1001));
        using (var response = await PostCsvAsync(client, tooMany, byteOrderMark: false))
        {
            var problem = await AgencySteps.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("too_many_rows", problem.GetProperty("error_code").GetString());
        }

        using (var response = await PostCsvAsync(client, "token,expires\na,b\n", byteOrderMark: false))
        {
            await AgencySteps.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }

        using (var json = await client.PostAsJsonAsync("/api/v1/shops/import", new { rows = 1 }, Ct))
        {
            await AgencySteps.AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType);
        }

        var shops = await client.GetFromJsonAsync<JsonElement>("/api/v1/shops", Ct);
        Assert.Empty(shops.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Import_TwinWhileFirstStillUploading_Is409_ThenReplayed()
    {
        var (_, key) = await steps.NewTenantAsync("write");
        using var client = fixture.NewApiClient(key);
        var shopId = fixture.ClaimShop();
        var t = await steps.IssuedTokensAsync(shopId);
        var csv = $"{Header}\n{t.AccessToken},{t.AccessExpiresAt},{t.RefreshToken},{t.RefreshExpiresAt},\n";
        var idempotencyKey = Guid.NewGuid().ToString();
        var held = new HeldContent(Encoding.UTF8.GetBytes(csv));
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/shops/import") { Content = held };
        first.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        var firstResponse = client.SendAsync(first, Ct);
        await held.HalfSent.WaitAsync(Ct);

        // The first request has claimed the key (its claim is in Redis; on a loaded machine the server may take a moment
        // to run the endpoint after the first bytes) and is waiting for the rest of its body.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
        using (var redis = fixture.Redis.Connect())
        {
            var server = redis.GetServer(redis.GetEndPoints()[0]);
            await Eventually.TrueAsync(async () =>
            {
                await foreach (var _ in server.KeysAsync(pattern: $"oc:idem:*:{hash}"))
                {
                    return true;
                }

                return false;
            }, TimeSpan.FromSeconds(20), () => "the first import never claimed its idempotency key");
        }

        await Eventually.TrueAsync(async () =>
        {
            using var twin = await PostCsvAsync(client, csv, byteOrderMark: false, idempotencyKey);
            return twin.StatusCode == HttpStatusCode.Conflict
                && (await AgencySteps.AssertProblemAsync(twin, HttpStatusCode.Conflict)).GetProperty("error_code").GetString() == "idempotency_in_flight";
        }, TimeSpan.FromSeconds(10), () => "no 409 while the first import was uploading");

        held.Release();
        using var done = await firstResponse;
        var body = await done.Content.ReadAsStringAsync(Ct);
        Assert.True(done.StatusCode == HttpStatusCode.OK, body);
        using var replay = await PostCsvAsync(client, csv, byteOrderMark: false, idempotencyKey);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(body, await replay.Content.ReadAsStringAsync(Ct));
    }

    private static void AssertRow(JsonElement row, string? shopId, string status)
    {
        Assert.Equal(status, row.GetProperty("status").GetString());
        Assert.Equal(shopId, row.GetProperty("shop_id").GetString());
    }

    private static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string csv, bool byteOrderMark, string? idempotencyKey = null)
    {
        var bytes = byteOrderMark ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)] : Encoding.UTF8.GetBytes(csv);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/shops/import") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, Ct);
    }

    /// <summary>A body sent in two halves: the second only after <see cref="Release"/> (chunked, no length).</summary>
    private sealed class HeldContent : HttpContent
    {
        private readonly byte[] bytes;
        private readonly TaskCompletionSource halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldContent(byte[] bytes)
        {
            this.bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        public Task HalfSent => halfSent.Task;

        public void Release() => release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var half = bytes.Length / 2;
            await stream.WriteAsync(bytes.AsMemory(0, half));
            await stream.FlushAsync();
            halfSent.TrySetResult();
            await release.Task;
            await stream.WriteAsync(bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
