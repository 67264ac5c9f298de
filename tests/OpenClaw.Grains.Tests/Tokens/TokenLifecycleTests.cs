using Microsoft.AspNetCore.DataProtection;
using System.Text.Json;
using OpenClaw.Grains.Tokens;

namespace OpenClaw.Grains.Tests.Tokens;

public sealed class TokenLifecycleTests
{
    private readonly TokenTestKit _kit = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void TokenSchedule_DueAt_WithinJitterBoundsAndRepeatablePerShop()
    {
        var expiry = _kit.Time.GetUtcNow().AddDays(7);
        var lead = _kit.Options.RefreshLeadTime;
        var dues = Enumerable.Range(0, 200).Select(i => TokenSchedule.DueAt(expiry, null, $"shop-{i}", _kit.Options)).ToList();

        Assert.All(dues, due => Assert.InRange(due, expiry - (lead * 1.1), expiry - lead));
        Assert.True(dues.Distinct().Count() > 150, "jitter spreads a fleet");
        Assert.Equal(TokenSchedule.DueAt(expiry, null, "shop-7", _kit.Options), TokenSchedule.DueAt(expiry, null, "shop-7", _kit.Options));
    }

    [Fact]
    public void TokenSchedule_DueAt_ShortLivedToken_LeadCappedAtHalfLifetime()
    {
        var now = _kit.Time.GetUtcNow();
        Assert.Equal(now.AddHours(1), TokenSchedule.DueAt(now.AddHours(2), now, "shop", _kit.Options));
    }

    [Fact]
    public async Task GetAccessToken_BeforeAndAtDueTime_RefreshesOnlyWhenDue()
    {
        var tokens = _kit.Connected("old");
        _kit.Refresher.Then(_kit.Succeeds("new"));
        var due = tokens.DueAt!.Value;

        _kit.Time.SetUtcNow(due - TimeSpan.FromSeconds(1));
        Assert.False(tokens.IsRefreshDue(_kit.Time.GetUtcNow()));
        Assert.Equal("access-old", await tokens.GetAccessTokenAsync(Ct));
        Assert.Equal(0, _kit.Refresher.Calls);

        _kit.Time.SetUtcNow(due);
        Assert.True(tokens.IsRefreshDue(_kit.Time.GetUtcNow()));
        Assert.Equal("access-new", await tokens.GetAccessTokenAsync(Ct));
        Assert.Equal(1, _kit.Refresher.Calls);
        Assert.Equal(["refresh-old"], _kit.Refresher.RefreshTokensSeen);
        Assert.Equal(_kit.Time.GetUtcNow(), tokens.State.LastRefreshedAt);
        Assert.False(tokens.IsRefreshDue(_kit.Time.GetUtcNow()));
    }

    [Fact]
    public async Task GetAccessToken_100ConcurrentCallersAtExpiry_ExactlyOneRefresh()
    {
        var tokens = _kit.Connected("old");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _kit.Time.Advance(TimeSpan.FromDays(7));
        var fresh = _kit.Grant("new");
        _kit.Refresher.Then(async _ => { await release.Task; return fresh; });

        var callers = Enumerable.Range(0, 100).Select(_ => Task.Run(() => tokens.GetAccessTokenAsync(Ct), Ct)).ToList();
        while (_kit.Refresher.Calls == 0)
        {
            await Task.Delay(5, Ct);
        }

        Assert.Equal(TokenStatus.Refreshing, tokens.Status);
        release.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.All(results, token => Assert.Equal("access-new", token));
        Assert.Equal(1, _kit.Refresher.Calls);
        Assert.Equal(TokenStatus.Valid, tokens.Status);
    }

    [Fact]
    public async Task GetAccessToken_TransientFailures_KeepOldTokenAndBackOffDoublingToCap()
    {
        var tokens = _kit.Connected("old");
        _kit.Refresher.Repeat = TokenTestKit.Fails("network");
        _kit.Time.SetUtcNow(tokens.DueAt!.Value);

        int[] expectedSeconds = [30, 60, 120, 240, 480, 960, 1800, 1800];
        for (var i = 0; i < expectedSeconds.Length; i++)
        {
            Assert.Equal("access-old", await tokens.GetAccessTokenAsync(Ct));
            Assert.Equal(i + 1, _kit.Refresher.Calls);
            Assert.Equal(i + 1, tokens.State.ConsecutiveFailures);
            Assert.Equal("network", tokens.State.LastErrorKey);
            var backoff = TimeSpan.FromSeconds(expectedSeconds[i]);
            Assert.Equal(_kit.Time.GetUtcNow() + backoff, tokens.State.NextAttemptAt);

            _kit.Time.Advance(backoff - TimeSpan.FromSeconds(1));
            Assert.Equal("access-old", await tokens.GetAccessTokenAsync(Ct)); // still backing off: no call
            Assert.Equal(i + 1, _kit.Refresher.Calls);
            _kit.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TokenStatus.Valid, tokens.Status);
    }

    [Theory]
    [InlineData("36009003")]
    [InlineData("http_429")]
    [InlineData("timeout")]
    [InlineData("bad_response")] // a garbled answer (a proxy's error page): seen by the fault suite waiting 30 min
    public async Task GetAccessToken_ExpiredAndRefreshFailing_ThrowsRefreshFailingWithRetryTime(string key)
    {
        var tokens = _kit.Connected("old");
        _kit.Refresher.Repeat = TokenTestKit.Fails(key);
        _kit.Time.Advance(TimeSpan.FromDays(7));

        var ex = await Assert.ThrowsAsync<TokenUnavailableException>(() => tokens.GetAccessTokenAsync(Ct));

        Assert.Equal(TokenUnavailableReason.RefreshFailing, ex.Reason);
        Assert.Equal(_kit.Time.GetUtcNow().AddSeconds(30), ex.RetryAt);
        Assert.Equal(key, ex.ErrorKey);
        Assert.DoesNotContain("access-old", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-old", ex.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<TokenUnavailableException>(() => tokens.GetAccessTokenAsync(Ct));
        Assert.Equal(1, _kit.Refresher.Calls);
    }

    [Theory]
    [InlineData(36004001)]
    [InlineData(36004005)]
    public async Task Refresh_RefreshTokenExpiredOrRevoked_NeedsReauthorizationOneEventNoMoreCalls(int code)
    {
        var tokens = _kit.Connected("old");
        _kit.Refresher.Repeat = TokenTestKit.Fails(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _kit.Time.SetUtcNow(tokens.DueAt!.Value);

        var ex = await Assert.ThrowsAsync<TokenUnavailableException>(() => tokens.GetAccessTokenAsync(Ct));
        Assert.Equal(TokenUnavailableReason.NeedsReauthorization, ex.Reason);
        Assert.Equal(TokenStatus.NeedsReauthorization, tokens.State.Status);
        var raised = Assert.Single(tokens.TakeEvents());
        Assert.Equal(new TokenEvent(TokenEventKind.NeedsReauthorization, _kit.Time.GetUtcNow(), ErrorCode: code), raised);

        for (var i = 0; i < 5; i++)
        {
            _kit.Time.Advance(TimeSpan.FromHours(1));
            Assert.False(tokens.IsRefreshDue(_kit.Time.GetUtcNow()));
            await Assert.ThrowsAsync<TokenUnavailableException>(() => tokens.GetAccessTokenAsync(Ct));
            await Assert.ThrowsAsync<TokenUnavailableException>(() => tokens.OnAccessTokenRejectedAsync(cancellationToken: Ct));
        }

        Assert.Equal(1, _kit.Refresher.Calls);
        Assert.Empty(tokens.TakeEvents());
        Assert.Null(tokens.NextRefreshAt);

        tokens.InstallGrant(_kit.Grant("reauthorized"));
        Assert.Equal(TokenStatus.Valid, tokens.Status);
        Assert.Equal(0, tokens.State.ConsecutiveFailures);
        Assert.Equal("access-reauthorized", await tokens.GetAccessTokenAsync(Ct));
    }

    [Fact]
    public async Task OnAccessTokenRejected_105002_RefreshesOnceAndSecondRejectionDoesNotLoop()
    {
        var tokens = _kit.Connected("old");
        _kit.Refresher.Then(_kit.Succeeds("new")).Then(_kit.Succeeds("unexpected"));

        Assert.Equal("access-new", await tokens.OnAccessTokenRejectedAsync("access-old", Ct));
        Assert.Equal(1, _kit.Refresher.Calls);

        // A call that still held the old token is handed the new one without another refresh.
        Assert.Equal("access-new", await tokens.OnAccessTokenRejectedAsync("access-old", Ct));
        Assert.Equal(1, _kit.Refresher.Calls);

        var ex = await Assert.ThrowsAsync<TokenUnavailableException>(() => tokens.OnAccessTokenRejectedAsync("access-new", Ct));
        Assert.Equal(TokenUnavailableReason.RejectedAfterRefresh, ex.Reason);
        Assert.Equal(1, _kit.Refresher.Calls);

        // The rejected token is not handed out again; the scheduled path may try once more.
        Assert.Equal("access-unexpected", await tokens.GetAccessTokenAsync(Ct));
        Assert.Equal(2, _kit.Refresher.Calls);
    }

    [Fact]
    public async Task OnAccessTokenRejected_RefreshFailsTransiently_ThrowsRefreshFailing()
    {
        var tokens = _kit.Connected("old");
        _kit.Refresher.Repeat = TokenTestKit.Fails("http_5xx");

        var ex = await Assert.ThrowsAsync<TokenUnavailableException>(() => tokens.OnAccessTokenRejectedAsync(cancellationToken: Ct));

        Assert.Equal(TokenUnavailableReason.RefreshFailing, ex.Reason);
        Assert.Equal(1, _kit.Refresher.Calls);
        await Assert.ThrowsAsync<TokenUnavailableException>(() => tokens.GetAccessTokenAsync(Ct)); // rejected token not reused
    }

    [Fact]
    public void CollectWarnings_RefreshTokenAndAuthorizationExpiry_FireOnceAtThresholds()
    {
        var lifecycle = _kit.New();
        lifecycle.InstallGrant(_kit.Grant("1", refreshLife: TimeSpan.FromDays(30)));
        var start = _kit.Time.GetUtcNow();
        var refreshExpiry = start.AddDays(30);
        lifecycle.NoteAuthorizationExpiry(start.AddDays(20));

        Assert.Empty(lifecycle.CollectWarnings(start.AddDays(13).AddSeconds(-1)));
        var auth = Assert.Single(lifecycle.CollectWarnings(start.AddDays(13)));
        Assert.Equal(new TokenEvent(TokenEventKind.AuthorizationExpiring, start.AddDays(13), start.AddDays(20)), auth);
        lifecycle.NoteAuthorizationExpiry(start.AddDays(20)); // webhook 7 repeats daily with the same expiry
        Assert.Empty(lifecycle.CollectWarnings(start.AddDays(14)));

        Assert.Empty(lifecycle.CollectWarnings(refreshExpiry.AddDays(-7).AddSeconds(-1)));
        var refresh = Assert.Single(lifecycle.CollectWarnings(refreshExpiry.AddDays(-7)));
        Assert.Equal(TokenEventKind.RefreshTokenExpiring, refresh.Kind);
        Assert.Equal(refreshExpiry, refresh.ExpiresAt);
        Assert.Empty(lifecycle.CollectWarnings(refreshExpiry.AddDays(-1)));

        lifecycle.NoteAuthorizationExpiry(start.AddDays(40)); // a new expiry value warns again
        Assert.Equal(TokenEventKind.AuthorizationExpiring, Assert.Single(lifecycle.CollectWarnings(start.AddDays(34))).Kind);
    }

    [Fact]
    public void State_Persisted_ContainsNoPlaintextToken()
    {
        var lifecycle = _kit.Connected("s3cr3t-value");

        var json = JsonSerializer.Serialize(lifecycle.State);
        Assert.DoesNotContain("s3cr3t-value", json, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", lifecycle.State.ToString(), StringComparison.Ordinal);
        Assert.NotNull(lifecycle.State.ProtectedAccessToken);
        Assert.Equal(["seller.order.info"], lifecycle.State.GrantedScopes);

        // Another shop's protector cannot read this shop's ciphertext.
        var other = TokenLifecycle.CreateProtector(_kit.Provider, "another-shop");
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => other.Unprotect(lifecycle.State.ProtectedAccessToken!));
    }

    [Fact]
    public async Task State_Reloaded_TokensDecryptWithSameProtector()
    {
        var first = _kit.Connected("persisted");
        var reloaded = _kit.New(JsonSerializer.Deserialize<TokenLifecycleState>(JsonSerializer.Serialize(first.State)));

        Assert.Equal("access-persisted", await reloaded.GetAccessTokenAsync(Ct));
        Assert.Equal(first.DueAt, reloaded.DueAt);
    }

    [Fact]
    public async Task GetAccessToken_NoGrant_ThrowsNotConnected()
    {
        var ex = await Assert.ThrowsAsync<TokenUnavailableException>(() => _kit.New().GetAccessTokenAsync(Ct));
        Assert.Equal(TokenUnavailableReason.NotConnected, ex.Reason);
    }
}
