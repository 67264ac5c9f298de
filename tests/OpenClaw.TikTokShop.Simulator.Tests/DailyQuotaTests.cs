using System.Text.Json;
using OpenClaw.TikTokShop.Simulator.Tests.Infrastructure;

namespace OpenClaw.TikTokShop.Simulator.Tests;

public sealed class DailyQuotaTests
{
    private const string Warehouses = "/logistics/202309/warehouses";
    private const long Hour = 3600;

    [Fact]
    public async Task Quota_Exceeded_Answers429AndPausesTheAppForTwoSimulatedHoursUntilTheNextUtcDayResetsTheCount()
    {
        await using var host = await SimulatorHost.StartAsync("RateLimit:DailyQuota=5");
        var session = await host.ConnectAsync();
        var start = await host.NowAsync();
        await AssertPassAsync(session, 5);

        var over = await session.GetAsync(Warehouses);
        Assert.Equal((429, 45101004), ((int)over.Status, over.Code));
        Assert.Equal("the app exceeded its daily quota of 5 requests; paused until 2026-11-01T02:00:00Z", over.Message);
        Assert.Equal("7200", over.RetryAfter);
        Assert.Equal(JsonValueKind.Null, over.Data.ValueKind);

        // The quota belongs to the app: another shop's calls are paused too, with the same answer.
        var other = await (await host.ConnectAsync(1)).GetAsync(Warehouses);
        Assert.Equal((429, 45101004, over.Message), ((int)other.Status, other.Code, other.Message));

        await host.AdvanceAsync(2 * Hour - 1);
        var lastSecond = await session.GetAsync(Warehouses);
        Assert.Equal((45101004, over.Message, "1"), (lastSecond.Code, lastSecond.Message, lastSecond.RetryAfter));

        // The pause is over but the day's count has no room: the next call starts a new pause.
        await host.AdvanceAsync(1);
        var again = await session.GetAsync(Warehouses);
        Assert.Equal((429, 45101004), ((int)again.Status, again.Code));
        Assert.EndsWith("paused until 2026-11-01T04:00:00Z", again.Message, StringComparison.Ordinal);
        var state = await host.AdminAsync(HttpMethod.Get, "/_sim/quota");
        Assert.Equal((5L, 5L, "2026-11-01", (long?)(start + 4 * Hour)), Quota(state));

        await host.AdvanceAsync(22 * Hour);
        await AssertPassAsync(session, 5);
        Assert.Equal(45101004, (await session.GetAsync(Warehouses)).Code);
        var nextDay = Quota(await host.AdminAsync(HttpMethod.Get, "/_sim/quota"));
        Assert.Equal((5L, 5L, "2026-11-02"), (nextDay.DailyQuota, nextDay.Used, nextDay.Day));
    }

    [Fact]
    public async Task Quota_PauseCrossingMidnight_LastsItsFullTwoHoursThenTheNewDaysCountApplies()
    {
        await using var host = await SimulatorHost.StartAsync("RateLimit:DailyQuota=2", "ClockStart=2026-11-01T23:00:00Z");
        var session = await host.ConnectAsync();
        await AssertPassAsync(session, 2);
        var over = await session.GetAsync(Warehouses);
        Assert.EndsWith("paused until 2026-11-02T01:00:00Z", over.Message, StringComparison.Ordinal);

        await host.AdvanceAsync(Hour);
        var afterMidnight = await session.GetAsync(Warehouses);
        Assert.Equal((429, 45101004, over.Message), ((int)afterMidnight.Status, afterMidnight.Code, afterMidnight.Message));
        var state = Quota(await host.AdminAsync(HttpMethod.Get, "/_sim/quota"));
        Assert.Equal((2L, 0L, "2026-11-02"), (state.DailyQuota, state.Used, state.Day));
        Assert.NotNull(state.PausedUntil);

        await host.AdvanceAsync(Hour);
        await AssertPassAsync(session, 2);
        Assert.Equal(45101004, (await session.GetAsync(Warehouses)).Code);
    }

    [Fact]
    public async Task Quota_RetryAfter_IsTheRestOfTheConfiguredPauseInRealSecondsAtTheClockSpeed()
    {
        await using var host = await SimulatorHost.StartAsync("RateLimit:DailyQuota=1", "RateLimit:QuotaPauseSeconds=600");
        var session = await host.ConnectAsync();
        await AssertPassAsync(session, 1);
        var frozen = await session.GetAsync(Warehouses);
        Assert.Equal("600", frozen.RetryAfter);
        Assert.EndsWith("paused until 2026-11-01T00:10:00Z", frozen.Message, StringComparison.Ordinal);

        // 60 simulated seconds per real second: 600 simulated seconds are 10 real ones.
        await host.AdminAsync(HttpMethod.Put, "/_sim/clock", new { speed = 60 });
        var running = await session.GetAsync(Warehouses);
        Assert.Equal(45101004, running.Code);
        Assert.InRange(int.Parse(running.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture), 9, 10);
    }

    [Fact]
    public async Task Quota_CountsCallsThatPassTheSignatureCheck_NotBadSignaturesTokenCallsOrAdminCalls()
    {
        await using var host = await SimulatorHost.StartAsync("RateLimit:DailyQuota=3");
        var session = await host.ConnectAsync();
        await AssertPassAsync(session, 1);
        var forged = await host.CallAsync(HttpMethod.Get, Warehouses, Cipher(session), null, session.AccessToken, tamperSign: _ => new string('0', 64));
        Assert.Equal(106001, forged.Code);
        var refreshed = await host.TokenAsync("/api/v2/token/refresh", new Dictionary<string, string>
        {
            ["app_key"] = SimulatorHost.AppKey, ["app_secret"] = SimulatorHost.AppSecret, ["refresh_token"] = session.RefreshToken, ["grant_type"] = "refresh_token",
        });
        Assert.Equal(0, refreshed.Code);
        Assert.Equal(1L, Quota(await host.AdminAsync(HttpMethod.Get, "/_sim/quota")).Used);

        // Signed correctly but refused later (no shop_cipher): it reached TikTok's quota counter.
        var noCipher = await host.CallAsync(HttpMethod.Get, Warehouses, null, null, session.AccessToken);
        Assert.Equal(106013, noCipher.Code);
        Assert.Equal(2L, Quota(await host.AdminAsync(HttpMethod.Get, "/_sim/quota")).Used);
    }

    [Fact]
    public async Task QuotaAdmin_ShowsUnlimitedByDefault_ChangesTheQuota_ClearsAPause_AndRejectsBadInput()
    {
        await using var host = await SimulatorHost.StartAsync();
        var session = await host.ConnectAsync();
        await AssertPassAsync(session, 3);
        Assert.Equal((0L, 3L, "2026-11-01", (long?)null), Quota(await host.AdminAsync(HttpMethod.Get, "/_sim/quota")));

        var lowered = await host.AdminAsync(HttpMethod.Put, "/_sim/quota", new { daily_quota = 3 });
        Assert.Equal((3L, 3L), (Quota(lowered).DailyQuota, Quota(lowered).Used));
        Assert.Equal(45101004, (await session.GetAsync(Warehouses)).Code);
        var now = await host.NowAsync();
        Assert.Equal(now + 2 * Hour, Quota(await host.AdminAsync(HttpMethod.Get, "/_sim/quota")).PausedUntil);

        var raised = await host.AdminAsync(HttpMethod.Put, "/_sim/quota", new { daily_quota = 10 });
        Assert.Equal((10L, 3L, "2026-11-01", (long?)null), Quota(raised));
        await AssertPassAsync(session, 1);

        foreach (var bad in new[] { "{\"daily_quota\":-1}", "{}", "{\"daily_quota\":\"many\"}", "{\"daily_quota\":1.5}", "{nope", "" })
        {
            var response = await host.AdminRawAsync(HttpMethod.Put, "/_sim/quota", bad);
            Assert.True(response.IsProblem(400), $"{bad} → {(int)response.Status} {response.MediaType} {response.Raw}");
        }

        var unchanged = Quota(await host.AdminAsync(HttpMethod.Get, "/_sim/quota"));
        Assert.Equal((10L, 4L), (unchanged.DailyQuota, unchanged.Used));
    }

    private static async Task AssertPassAsync(Session session, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            var response = await session.GetAsync(Warehouses);
            Assert.True(response.Code == 0, $"call {i + 1}: {response.Raw}");
        }
    }

    private static Dictionary<string, string> Cipher(Session session) => new() { ["shop_cipher"] = session.Shop.Cipher };

    private static (long DailyQuota, long Used, string Day, long? PausedUntil) Quota(JsonElement state) => (
        state.GetProperty("daily_quota").GetInt64(),
        state.GetProperty("used").GetInt64(),
        state.GetProperty("day").GetString()!,
        state.GetProperty("paused_until").ValueKind == JsonValueKind.Null ? null : state.GetProperty("paused_until").GetInt64());
}
