using System.Diagnostics;
using Orleans.Persistence.Redis;
using Orleans.Storage;
using Polly;
using Polly.Retry;

namespace OpenClaw.Grains.Calls;

/// <summary>
/// What a caller of grains (the API, the dashboard, tests, benchmarks) does while a silo fails over or a cluster is
/// still joining (ARCHITECTURE §3): calls fail with <see cref="SiloUnavailableException"/>,
/// <see cref="OrleansMessageRejectionException"/> or a response timeout, and succeed again once membership has moved
/// the grain — about 2 s after a silo dies with OpenClaw's membership settings (docs/benchmarks.md). A Polly retry
/// with a short jittered delay repeats such calls (and a message that expired waiting for placement,
/// <see cref="IsExpiredMessage"/>, and a grain whose storage could not reach the store, <see cref="RedisStorageException"/>,
/// as while the store restarts or loads its append-only file) for at most a time budget; domain errors
/// (<see cref="ArgumentException"/>, <see cref="InvalidOperationException"/>) and storage conflicts
/// (<see cref="InconsistentStateException"/>) are never retried. Each attempt is bounded by the client's
/// <c>ClientMessagingOptions.ResponseTimeout</c>, so the budget is exceeded by at most one response timeout.
/// </summary>
public static class GrainCallRetry
{
    /// <summary>Delay between attempts (Polly adds jitter).</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    private static readonly ResiliencePropertyKey<long> Started = new("openclaw.grain-call.started");
    private static readonly ResiliencePropertyKey<TimeSpan> Budget = new("openclaw.grain-call.budget");

    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                && (IsTransient(ex) || IsExpiredMessage(ex, args.Context.CancellationToken)) && WithinBudget(args.Context)),
            MaxRetryAttempts = int.MaxValue,
            Delay = Delay,
            BackoffType = DelayBackoffType.Constant,
            UseJitter = true,
        })
        .Build();

    /// <summary>Runs <paramref name="call"/>, retrying transient failures for at most <paramref name="budget"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>The last failure is rethrown when the budget is spent or the failure is not transient.</remarks>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Started, Stopwatch.GetTimestamp());
        context.Properties.Set(Budget, budget);
        try
        {
            return await Pipeline.ExecuteAsync(
                static async (_, state) => await state().ConfigureAwait(false), context, call).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// True for failures a later attempt may not see: the silo or gateway was unavailable, the message was rejected,
    /// no answer came in time, or the grain's storage could not reach the store (Orleans' Redis provider wraps every
    /// read and write failure but a version conflict in <see cref="RedisStorageException"/>). False for storage
    /// conflicts and for every exception a grain throws on purpose.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        InconsistentStateException => false,
        TimeoutException or OrleansException or RedisStorageException => true,
        _ => false,
    };

    /// <summary>
    /// True for Orleans' "Message expired before placement could complete": an <see cref="OperationCanceledException"/>
    /// while the caller's <paramref name="cancellationToken"/> is not cancelled, thrown when a call waited for the
    /// grain's placement past its expiry while membership moved it (the 20-kill crash test saw it). A later attempt
    /// finds the new placement.
    /// </summary>
    public static bool IsExpiredMessage(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && !cancellationToken.IsCancellationRequested;

    private static bool WithinBudget(ResilienceContext context) =>
        context.Properties.TryGetValue(Started, out var started)
        && context.Properties.TryGetValue(Budget, out var budget)
        && Stopwatch.GetElapsedTime(started) < budget;
}
