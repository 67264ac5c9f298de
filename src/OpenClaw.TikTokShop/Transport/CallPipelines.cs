using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Errors;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace OpenClaw.TikTokShop.Transport;

/// <summary>What a single HTTP attempt produced (the pipeline only looks at the error).</summary>
internal interface IAttemptOutcome
{
    TikTokShopError? Error { get; }
}

/// <summary>
/// Resilience pipelines, one per shop and endpoint so a failing shop or endpoint opens only its own circuit:
/// retry (retryable errors only, exponential backoff with jitter, Retry-After honoured) → circuit breaker
/// (server and network failures). The per-attempt timeout is a separate pipeline applied around the HTTP exchange
/// only, so time spent waiting for the rate budget never counts as a timeout. A singleton registered by <c>AddTikTokShopClient</c>: circuits
/// outlive the transient typed clients.
/// </summary>
public sealed class CallPipelines : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> _registry;
    private readonly TikTokShopOptions _options;

    internal CallPipelines(TikTokShopOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _registry = new ResiliencePipelineRegistry<string>(new ResiliencePipelineRegistryOptions<string>
        {
            BuilderFactory = () => new ResiliencePipelineBuilder { TimeProvider = timeProvider },
        });
        AttemptTimeout = new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>Bounds one HTTP exchange (send, headers, body); throws <see cref="TimeoutRejectedException"/>.</summary>
    internal ResiliencePipeline AttemptTimeout { get; }

    /// <summary>Called before each retry with the attempt number, the delay and the error key.</summary>
    internal static readonly ResiliencePropertyKey<Action<int, TimeSpan, string>> RetryObserver = new("openclaw.retry-observer");

    internal ResiliencePipeline For(string shopKey, string pathTemplate) =>
        _registry.GetOrAddPipeline(shopKey + "|" + pathTemplate, Configure);

    /// <summary>Disposes the pipelines.</summary>
    public void Dispose() => _registry.Dispose();

    private void Configure(ResiliencePipelineBuilder builder)
    {
        builder
            .AddRetry(new RetryStrategyOptions
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
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = _options.CircuitFailureRatio,
                MinimumThroughput = _options.CircuitMinimumThroughput,
                SamplingDuration = _options.CircuitSamplingDuration,
                BreakDuration = _options.CircuitBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome)),
            });
    }

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
}
