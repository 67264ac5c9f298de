using System.Globalization;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Tests.Support;

namespace OpenClaw.TikTokShop.Tests.Transport;

/// <summary>Contract §3: both expiry fields are absolute Unix seconds; a fresh grant must expire after now and within the bounds.</summary>
public sealed class TokenGrantCheckTests
{
    // Not the real date: a row around "now" only passes when the client uses its injected clock.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly long GoodAccess = At(TimeSpan.FromDays(7));
    private static readonly long GoodRefresh = At(TimeSpan.FromDays(365));
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>Every rule at its edges, for both grant kinds: (refresh?, because, access, refresh, field in the error or null, duration hint).</summary>
    public static TheoryData<bool, string, long, long, string?, bool> Grants()
    {
        const string access = "access_token_expire_in", refresh = "refresh_token_expire_in";
        var accessMax = TokenGrantRules.MaxAccessTokenLifetime;
        var refreshMax = TokenGrantRules.MaxRefreshTokenLifetime;
        (string Because, long Access, long Refresh, string? Field, bool Hint)[] cases =
        [
            ("documented lifetimes", GoodAccess, GoodRefresh, null, false),
            ("access now - 1 s", At(-Second), GoodRefresh, access, false),
            ("access = now", At(TimeSpan.Zero), GoodRefresh, access, false),
            ("access now + 1 s", At(Second), GoodRefresh, null, false),
            ("access at the 30-day bound", At(accessMax), GoodRefresh, null, false),
            ("access 1 s past the 30-day bound", At(accessMax + Second), GoodRefresh, access, false),
            ("access ten years ahead", At(TimeSpan.FromDays(3650)), GoodRefresh, access, false),
            ("access as a 7-day duration 604800", 604_800, GoodRefresh, access, true),
            ("access as a 1-day duration 86400", 86_400, GoodRefresh, access, true),
            ("access 0", 0, GoodRefresh, access, true),
            ("refresh now - 1 s", GoodAccess, At(-Second), refresh, false),
            ("refresh = now", GoodAccess, At(TimeSpan.Zero), refresh, false),
            ("refresh now + 1 s", GoodAccess, At(Second), null, false),
            ("refresh 75 days", GoodAccess, At(TimeSpan.FromDays(75)), null, false),
            ("refresh at the 5-year bound", GoodAccess, At(refreshMax), null, false),
            ("refresh 1 s past the 5-year bound", GoodAccess, At(refreshMax + Second), refresh, false),
            ("refresh as a 7-day duration 604800", GoodAccess, 604_800, refresh, true),
            ("refresh as a 1-day duration 86400", GoodAccess, 86_400, refresh, true),
            ("refresh as a 90-day duration", GoodAccess, 7_776_000, refresh, true),
            ("both durations: access is reported", 604_800, 7_776_000, access, true),
        ];
        var data = new TheoryData<bool, string, long, long, string?, bool>();
        foreach (var isRefresh in new[] { false, true })
        {
            foreach (var c in cases)
            {
                data.Add(isRefresh, c.Because, c.Access, c.Refresh, c.Field, c.Hint);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Grants))]
    public async Task A_fresh_grant_must_expire_after_now_and_within_the_bounds(
        bool refresh, string because, long accessExpireIn, long refreshExpireIn, string? failingField, bool durationHint)
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success(GrantJson(accessExpireIn, refreshExpireIn)));
        var auth = TestClients.Auth(stub.BaseUrl, time: new FixedClock(Now));

        var result = refresh
            ? await auth.RefreshAsync("RT-secret", TestContext.Current.CancellationToken)
            : await auth.ExchangeCodeAsync("code-1", TestContext.Current.CancellationToken);

        Assert.Single(stub.Requests);
        if (failingField is null)
        {
            Assert.True(result.IsSuccess, because + ": " + result.Error);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(accessExpireIn), result.Value.AccessTokenExpiresAt);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(refreshExpireIn), result.Value.RefreshTokenExpiresAt);
            return;
        }

        Assert.False(result.IsSuccess, because);
        Assert.Equal(ErrorCatalogue.Keys.BadResponse, result.Error.Entry.Key);
        Assert.False(result.Error.IsRetryable);
        Assert.StartsWith("Implausible data: " + failingField + " = ", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(durationHint, result.Error.Message.Contains("lifetime in seconds", StringComparison.Ordinal));
        Assert.DoesNotContain("AT-secret", result.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("RT-secret", result.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duration_of_604800_in_access_token_expire_in_is_a_typed_bad_response_not_a_1970_expiry()
    {
        await using var stub = await StubServer.AnsweringAsync(200, Envelopes.Success(GrantJson(604_800, GoodRefresh)));
        var auth = TestClients.Auth(stub.BaseUrl, time: new FixedClock(Now));

        var result = await auth.ExchangeCodeAsync("code-1", TestContext.Current.CancellationToken);

        var thrown = Assert.Throws<TikTokShopException>(() => result.GetValueOrThrow());
        Assert.Equal(ErrorCategory.BadResponse, thrown.Error.Category);
        Assert.Equal(
            "Implausible data: access_token_expire_in = 604800 (1970-01-08T00:00:00Z) is not after now (2026-11-23T10:00:00Z): a fresh token cannot "
            + "already be expired; it looks like a lifetime in seconds, but contract §3 makes the field an absolute Unix time.",
            thrown.Error.Message);
        Assert.Equal(Envelopes.RequestId, thrown.Error.RequestId);
    }

    [Fact]
    public void The_rules_are_the_same_without_http()
    {
        var grant = new TokenGrant("AT", DateTimeOffset.FromUnixTimeSeconds(GoodAccess), "RT", DateTimeOffset.FromUnixTimeSeconds(GoodRefresh));

        Assert.Null(TokenGrantRules.Check(grant, Now));
        Assert.Contains("days ahead", TokenGrantRules.Check(grant, Now - TimeSpan.FromDays(60)), StringComparison.Ordinal);
        Assert.Contains("not after now", TokenGrantRules.Check(grant, Now + TimeSpan.FromDays(8)), StringComparison.Ordinal);
    }

    private static long At(TimeSpan fromNow) => (Now + fromNow).ToUnixTimeSeconds();

    private static string GrantJson(long accessExpireIn, long refreshExpireIn) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"access_token":"AT-secret","access_token_expire_in":{{accessExpireIn}},"refresh_token":"RT-secret","refresh_token_expire_in":{{refreshExpireIn}},"open_id":"o"}""");
}
