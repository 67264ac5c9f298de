using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using OpenClaw.Grains.Tokens;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.Grains.Tests.Tokens;

/// <summary>A refresher that counts calls and answers from a script (the last step repeats).</summary>
internal sealed class FakeTokenRefresher : ITokenRefresher
{
    private readonly ConcurrentQueue<Func<string, Task<TokenGrant>>> _script = new();
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Func<string, Task<TokenGrant>>? Repeat { get; set; }

    public ConcurrentBag<string> RefreshTokensSeen { get; } = [];

    public FakeTokenRefresher Then(Func<string, Task<TokenGrant>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    public Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        RefreshTokensSeen.Add(refreshToken);
        var step = _script.TryDequeue(out var next) ? next : Repeat ?? throw new InvalidOperationException("script exhausted");
        return step(refreshToken);
    }
}

/// <summary>Clock, protector, grants and errors shared by the token tests.</summary>
internal sealed class TokenTestKit
{
    public const string ShopId = "7495000000000000001";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public IDataProtectionProvider Provider { get; } = new EphemeralDataProtectionProvider();

    public FakeTokenRefresher Refresher { get; } = new();

    public TokenLifecycleOptions Options { get; } = new();

    public TokenGrant Grant(string suffix, TimeSpan? accessLife = null, TimeSpan? refreshLife = null) => new(
        "access-" + suffix, Time.GetUtcNow() + (accessLife ?? TimeSpan.FromDays(7)),
        "refresh-" + suffix, Time.GetUtcNow() + (refreshLife ?? TimeSpan.FromDays(90)),
        GrantedScopes: ["seller.order.info"]);

    public TokenLifecycle Connected(string suffix = "1", TokenLifecycleState? state = null)
    {
        var lifecycle = New(state);
        lifecycle.InstallGrant(Grant(suffix));
        return lifecycle;
    }

    public TokenLifecycle New(TokenLifecycleState? state = null) => new(ShopId, state ?? new TokenLifecycleState(),
        TokenLifecycle.CreateProtector(Provider, ShopId), Refresher, Time, Options);

    public static TikTokShopException Error(string key) => new(new TikTokShopError(
        null, ErrorCatalogue.Get(key).Code, "scripted", "req-1", "/api/v2/token/refresh", ErrorCatalogue.Get(key)));

    public Func<string, Task<TokenGrant>> Succeeds(string suffix) => _ => Task.FromResult(Grant(suffix));

    public static Func<string, Task<TokenGrant>> Fails(string key) => _ => Task.FromException<TokenGrant>(Error(key));
}
