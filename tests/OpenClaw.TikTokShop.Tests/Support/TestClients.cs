using Microsoft.Extensions.Logging;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.TikTokShop.Tests.Support;

/// <summary>Clients wired to a test server with fast retries.</summary>
public static class TestClients
{
    public const string AppKey = "test-app-key";
    public const string AppSecret = "test-app-secret-value";
    public const string AccessToken = "test-access-token-value";
    public const string ShopCipher = "ROW_test_cipher";

    public static readonly ShopAccess Shop = new("7495000000000000001", ShopCipher, AccessToken);

    public static TikTokShopOptions Options(Uri baseUrl, Action<TikTokShopOptions>? configure = null)
    {
        var options = new TikTokShopOptions
        {
            AppKey = AppKey,
            AppSecret = AppSecret,
            ServiceId = "7000000000000000001",
            ApiBaseUrl = baseUrl.ToString(),
            AuthBaseUrl = baseUrl.ToString(),
            AuthorizeBaseUrl = baseUrl.ToString(),
            AttemptTimeout = TimeSpan.FromSeconds(5),
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        return options;
    }

    public static TikTokShopClient Client(
        Uri baseUrl, Action<TikTokShopOptions>? configure = null, IRateBudget? budget = null, TimeProvider? time = null, ILogger? logger = null) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, Options(baseUrl, configure), budget ?? new UnlimitedBudget(), time, logger);

    public static TikTokShopAuthClient Auth(Uri baseUrl, Action<TikTokShopOptions>? configure = null, ILogger? logger = null, TimeProvider? time = null) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, Options(baseUrl, configure), new UnlimitedBudget(), time, logger);
}

/// <summary>A budget that never waits and records what it was told.</summary>
public sealed class UnlimitedBudget : IRateBudget
{
    public List<(string ShopId, TimeSpan? RetryAfter)> RateLimited { get; } = [];

    private int _acquired;

    public int Acquired => Volatile.Read(ref _acquired);

    public ValueTask<TimeSpan> AcquireAsync(string shopId, CallPriority priority, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _acquired);
        return ValueTask.FromResult(TimeSpan.Zero);
    }

    public void ReportRateLimited(string shopId, TimeSpan? retryAfter)
    {
        lock (RateLimited)
        {
            RateLimited.Add((shopId, retryAfter));
        }
    }

    public List<(string ShopId, TimeSpan? RetryAfter)> QuotaExhausted { get; } = [];

    public void ReportQuotaExhausted(string shopId, TimeSpan? retryAfter)
    {
        lock (QuotaExhausted)
        {
            QuotaExhausted.Add((shopId, retryAfter));
        }
    }
}

/// <summary>A clock fixed at a chosen instant (only wall-clock reads are faked; timers stay real).</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A clock whose wall-clock reads come from elsewhere (e.g. the simulator's simulated time); timers stay real.</summary>
public sealed class FollowingClock(Func<DateTimeOffset> now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now();
}
