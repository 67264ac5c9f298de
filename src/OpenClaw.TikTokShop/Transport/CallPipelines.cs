using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Errors;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OpenClaw.TikTokShop.Transport;

/// <summary>What a single HTTP attempt produced (the pipeline only looks at the error).</summary>
internal interface IAttemptOutcome
{
    TikTokShopError? Error { get; }
}

/// <summary>
/// Resilience pipelines: one shared retry (retryable errors only, exponential backoff with jitter, Retry-After honoured)
/// around a circuit breaker (server and network failures) per shop and endpoint, so a failing shop or endpoint opens
/// only its own circuit. The per-attempt timeout is a separate pipeline applied around the HTTP exchange only, so time
/// spent waiting for the rate budget never counts as a timeout. A singleton registered by <c>AddTikTokShopClient</c>:
/// circuits outlive the transient typed clients.
/// </summary>
/// <remarks>
/// The retry keeps no state between calls, so one instance serves every shop; only the circuits are per key. A silo
/// serves thousands of shops, each calling about ten endpoints, so circuits that are not used for
/// <see cref="IdleTimeout"/> are dropped (a <see cref="MemoryCache"/> with sliding expiration) instead of living as long as
/// the process (~2 KiB each). The timeout is at least twice the circuit's sampling window plus its break: a circuit idle
/// that long has no failure left in its window and no break left to serve, so a fresh one behaves the same — except that
/// a circuit opened long ago starts closed instead of with a half-open trial call.
/// </remarks>
public sealed class CallPipelines : IDisposable
{
    private readonly MemoryCache _pipelines;
    private readonly TikTokShopOptions _options;
    private readonly TimeProvider _time;

    internal CallPipelines(TikTokShopOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _time = timeProvider;
        IdleTimeout = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, 2 * (options.CircuitSamplingDuration + options.CircuitBreakDuration).Ticks));
        _pipelines = new MemoryCache(new MemoryCacheOptions { Clock = new CacheClock(timeProvider), ExpirationScanFrequency = IdleTimeout / 2 });
        AttemptTimeout = new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddTimeout(options.AttemptTimeout).Build();
        Retry = new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddRetry(RetryOptions()).Build();
    }

    /// <summary>The retry every call runs in; it wraps the call's circuit (<see cref="CircuitFor"/>).</summary>
    internal ResiliencePipeline Retry { get; }

    /// <summary>Bounds one HTTP exchange (send, headers, body); throws <see cref="TimeoutRejectedException"/>.</summary>
    internal ResiliencePipeline AttemptTimeout { get; }

    /// <summary>How long a shop's pipeline for one endpoint is kept without being used.</summary>
    internal TimeSpan IdleTimeout { get; }

    /// <summary>Circuits currently kept (diagnostics and tests).</summary>
    internal int Count => _pipelines.Count;

    /// <summary>Called before each retry with the attempt number, the delay and the error key.</summary>
    internal static readonly ResiliencePropertyKey<Action<int, TimeSpan, string>> RetryObserver = new("openclaw.retry-observer");

    /// <summary>The circuit breaker of one shop and endpoint (path template), created on first use.</summary>
    internal ResiliencePipeline CircuitFor(string shopKey, string pathTemplate) =>
        _pipelines.GetOrCreate(shopKey + "|" + pathTemplate, entry =>
        {
            entry.SlidingExpiration = IdleTimeout;
            return new ResiliencePipelineBuilder { TimeProvider = _time }.AddCircuitBreaker(CircuitOptions()).Build();
        })!;

    /// <summary>Drops the circuits.</summary>
    public void Dispose() => _pipelines.Dispose();

    private RetryStrategyOptions RetryOptions() =>
        new()
        {
            MaxRetryAttempts = Math.Max(1, _options.MaxRetries),
            ShouldHandle = args => ValueTask.FromResult(_options.MaxRetries > 0 && IsRetryable(args.Outcome)),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryBaseDelay,
            MaxDelay = _options.RetryMaxDelay,
            DelayGenerator = args => ValueTask.FromResult(RetryAfterOf(args.Outcome)),
            OnRetry = args =>
            {
                if (args.Context.Properties.TryGetValue(RetryObserver, out var observe))
                {
                    observe(args.AttemptNumber + 1, args.RetryDelay, KeyOf(args.Outcome));
                }

                return ValueTask.CompletedTask;
            },
        };

    private CircuitBreakerStrategyOptions CircuitOptions() =>
        new()
        {
            FailureRatio = _options.CircuitFailureRatio,
            MinimumThroughput = _options.CircuitMinimumThroughput,
            SamplingDuration = _options.CircuitSamplingDuration,
            BreakDuration = _options.CircuitBreakDuration,
            ShouldHandle = static args => ValueTask.FromResult(IsOutage(args.Outcome)),
        };

    private static bool IsRetryable(Outcome<object> outcome) =>
        outcome.Exception is TimeoutRejectedException
        || (outcome.Result is IAttemptOutcome { Error: { } error } && error.IsRetryable);

    // Only failures that say "TikTok is unwell" count towards opening the circuit; client errors and rate limits do not.
    private static bool IsOutage(Outcome<object> outcome) =>
        outcome.Exception is TimeoutRejectedException
        || (outcome.Result is IAttemptOutcome { Error: { } error } && error.Category is ErrorCategory.Server or ErrorCategory.Network);

    private TimeSpan? RetryAfterOf(Outcome<object> outcome) =>
        outcome.Result is IAttemptOutcome { Error.RetryAfter: { } retryAfter }
            ? (retryAfter < _options.RetryMaxDelay ? retryAfter : _options.RetryMaxDelay)
            : null;

    private static string KeyOf(Outcome<object> outcome) =>
        outcome.Result is IAttemptOutcome { Error: { } error } ? error.Entry.Key
        : outcome.Exception is TimeoutRejectedException ? ErrorCatalogue.Keys.Timeout
        : "exception";

    // MemoryCache's clock, so sliding expiration follows the same TimeProvider as the circuits (fake in tests).
    private sealed class CacheClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
