using OpenClaw.TestSupport;

namespace OpenClaw.Api.Tests;

/// <summary>Issue 11 through the API: rules are validated field by field, alerts stay inside their tenant, channel secrets never come back.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class AlertsApiTests(ApiFixture fixture)
{
    private readonly AgencySteps steps = new(fixture);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rules_Invalid_AnswerProblemsNamingEachField_Valid_JoinTheDefaults()
    {
        var (_, key) = await steps.NewTenantAsync("write");
        using var client = fixture.NewApiClient(key);

        using (var missing = await client.PutAsJsonAsync("/api/v1/alerts/rules/refunds", new { metric_key = "refund_rate" }, Ct))
        {
            var errors = (await AgencySteps.AssertProblemAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors");
            foreach (var field in new[] { "comparator", "threshold", "window_seconds", "for_seconds", "severity" })
            {
                Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
            }
        }

        var bad = new
        {
            metric_key = "refund_rate", comparator = "greater_than", threshold = 140, recovery_threshold = 9, window_seconds = 86400, for_seconds = 600,
            severity = "critical", scope = new { kind = "shop", value = "not a shop id!" },
        };
        using (var invalid = await client.PutAsJsonAsync("/api/v1/alerts/rules/refunds", bad, Ct))
        {
            var errors = (await AgencySteps.AssertProblemAsync(invalid, HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.Contains("between 0 and 100", errors.GetProperty("threshold")[0].GetString(), StringComparison.Ordinal);
            Assert.True(errors.TryGetProperty("scope.value", out _), errors.ToString());
        }

        using (var wrongSide = await client.PutAsJsonAsync("/api/v1/alerts/rules/refunds", bad with { threshold = 8, scope = new { kind = "tag", value = "vip" } }, Ct))
        {
            var errors = (await AgencySteps.AssertProblemAsync(wrongSide, HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.Contains("at most the threshold", errors.GetProperty("recovery_threshold")[0].GetString(), StringComparison.Ordinal);
        }

        using (var ok = await client.PutAsJsonAsync("/api/v1/alerts/rules/refunds", bad with { threshold = 8, recovery_threshold = 6, scope = new { kind = "tag", value = "vip" } }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var rules = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts/rules", Ct);
        var ids = rules.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("rule_id").GetString()).ToList();
        Assert.Contains("refunds", ids);
        Assert.Contains("default.late_dispatch_rate", ids);
        Assert.True(rules.GetProperty("version").GetInt64() > 1);
    }

    [Fact]
    public async Task Alert_OfAnotherTenant_Answers404_AndItsOwnerCanAcknowledgeAndSilenceIt()
    {
        var (_, keyA) = await steps.NewTenantAsync("write");
        var (_, keyB) = await steps.NewTenantAsync("admin");
        var shopId = fixture.ClaimShop();
        await steps.OnboardAsync(keyA, shopId);

        // The seller revokes the app; the next sync finds out and the shop raises "needs re-authorization".
        using (var simulator = fixture.NewSimulatorClient())
        using (var revoke = await simulator.PostAsJsonAsync("/_sim/auth/revoke", new { shop_id = shopId }, Ct))
        {
            revoke.EnsureSuccessStatusCode();
        }

        using var a = fixture.NewApiClient(keyA);
        using (var sync = await a.PostAsJsonAsync($"/api/v1/shops/{shopId}/sync", new { }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        }

        JsonElement alert = default;
        await Eventually.TrueAsync(async () =>
        {
            var page = await a.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?status=firing&shop_id={shopId}", Ct);
            var items = page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("key").GetString() == "needs_reauthorization").ToList();
            alert = items.FirstOrDefault();
            return items.Count == 1;
        }, TimeSpan.FromSeconds(60), () => "no needs-re-authorization alert");
        var fingerprint = alert.GetProperty("fingerprint").GetString()!;
        Assert.Equal("critical", alert.GetProperty("severity").GetString());

        using var b = fixture.NewApiClient(keyB);
        using (var get = await b.GetAsync($"/api/v1/alerts/{fingerprint}", Ct))
        {
            await AgencySteps.AssertProblemAsync(get, HttpStatusCode.NotFound);
        }

        using (var ack = await b.PostAsJsonAsync($"/api/v1/alerts/{fingerprint}/acknowledge", new { comment = "not mine" }, Ct))
        {
            await AgencySteps.AssertProblemAsync(ack, HttpStatusCode.NotFound);
        }

        using (var silence = await b.PostAsJsonAsync($"/api/v1/alerts/{fingerprint}/silence", new { duration_seconds = 3600 }, Ct))
        {
            await AgencySteps.AssertProblemAsync(silence, HttpStatusCode.NotFound);
        }

        Assert.Empty((await b.GetFromJsonAsync<JsonElement>("/api/v1/alerts", Ct)).GetProperty("items").EnumerateArray());
        using (var badQuery = await a.GetAsync("/api/v1/alerts?cursor=not-one-of-ours&severity=fatal", Ct))
        {
            var errors = (await AgencySteps.AssertProblemAsync(badQuery, HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("cursor", out _) && errors.TryGetProperty("severity", out _), errors.ToString());
        }

        using (var ack = await a.PostAsJsonAsync($"/api/v1/alerts/{fingerprint}/acknowledge", new { comment = "calling the seller" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            Assert.NotNull((await ack.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("acknowledged_by").GetString());
        }

        using (var silence = await a.PostAsJsonAsync($"/api/v1/alerts/{fingerprint}/silence", new { duration_seconds = 3600, comment = "until the call" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, silence.StatusCode);
        }

        var silences = await a.GetFromJsonAsync<JsonElement>("/api/v1/alerts/silences", Ct);
        Assert.Contains(silences.EnumerateArray(), s => s.GetProperty("active").GetBoolean()
            && s.GetProperty("matchers").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "shop" && m.GetProperty("value").GetString() == shopId));
        Assert.Empty(await b.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts/silences", Ct) ?? []);
    }

    [Fact]
    public async Task Channel_UrlKeyAndSecret_NeverComeBack_AndTheTestMessageArrives()
    {
        var (_, admin) = await steps.NewTenantAsync("admin");
        var (_, writer) = await steps.NewTenantAsync("write");
        using var client = fixture.NewApiClient(admin);
        const string RobotKey = "robot-key-5f1e2d3c";
        const string Secret = "openclaw-chat-secret"; // the simulator's signing robots are configured with it
        var wecom = new { kind = "we_com", name = "运营群", language = "simplified_chinese", time_zone = "Asia/Shanghai",
            url = $"{fixture.SimulatorUrl}/_sim/chat/wecom/cgi-bin/webhook/send?key={RobotKey}" };
        var hook = new { kind = "webhook", name = "ops hook", url = $"{fixture.SimulatorUrl}/_sim/chat/webhook/receive", secret = Secret };
        var texts = new List<string>();
        using (var created = await client.PutAsJsonAsync("/api/v1/channels/wecom", wecom, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            texts.Add(await created.Content.ReadAsStringAsync(Ct));
        }

        using (var created = await client.PutAsJsonAsync("/api/v1/channels/hook", hook, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await created.Content.ReadAsStringAsync(Ct);
            texts.Add(body);
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("has_secret").GetBoolean());
        }

        // A rename without url or secret keeps both (they are never shown, so a client cannot send them back).
        using (var renamed = await client.PutAsJsonAsync("/api/v1/channels/hook", new { kind = "webhook", name = "ops hook 2" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            texts.Add(await renamed.Content.ReadAsStringAsync(Ct));
        }

        texts.Add(await client.GetStringAsync("/api/v1/channels", Ct));
        texts.Add(await client.GetStringAsync("/api/v1/channels/hook", Ct));
        foreach (var id in new[] { "wecom", "hook" })
        {
            using var test = await client.PostAsync($"/api/v1/channels/{id}/test", null, Ct);
            var body = await test.Content.ReadAsStringAsync(Ct);
            texts.Add(body);
            Assert.Equal("delivered", JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString());
        }

        foreach (var text in texts)
        {
            Assert.DoesNotContain(RobotKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("/_sim/chat", text, StringComparison.Ordinal);
        }

        using (var invalid = await client.PutAsJsonAsync("/api/v1/channels/bad", new { kind = "webhook", name = "x", url = "ftp://example.com/hook" }, Ct))
        {
            var errors = (await AgencySteps.AssertProblemAsync(invalid, HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("url", out _), errors.ToString());
            Assert.True(errors.TryGetProperty("secret", out _), errors.ToString());
        }

        using var notAdmin = fixture.NewApiClient(writer);
        using (var forbidden = await notAdmin.PutAsJsonAsync("/api/v1/channels/wecom", wecom, Ct))
        {
            await AgencySteps.AssertProblemAsync(forbidden, HttpStatusCode.Forbidden);
        }

        using (var otherTenant = await notAdmin.GetAsync("/api/v1/channels/hook", Ct))
        {
            await AgencySteps.AssertProblemAsync(otherTenant, HttpStatusCode.NotFound);
        }
    }
}
