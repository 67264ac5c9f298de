using Microsoft.Extensions.Options;
using OpenClaw.Api.Access;
using OpenClaw.Grains.Calls;

namespace OpenClaw.Api.Errors;

/// <summary>
/// Grain calls from the API: retried across a silo failover (<see cref="GrainCallRetry"/>) within
/// <see cref="ApiOptions.GrainCallBudget"/>; an attempt running when a gateway connection closes is abandoned and
/// retried at once instead of waiting for its response timeout (<see cref="GatewayLossSignal"/>).
/// </summary>
public sealed class GrainCalls(IOptions<ApiOptions> options, GatewayLossSignal gatewayLoss)
{
    /// <summary>Runs an idempotent grain call with retries.</summary>
    /// <exception cref="TimeoutException">The last attempt was abandoned at a gateway loss or got no answer, and the budget is spent.</exception>
    public Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        GrainCallRetry.RetryAsync(() => AttemptAsync(call), options.Value.GrainCallBudget, cancellationToken);

    /// <summary>Runs an idempotent grain call with retries.</summary>
    /// <exception cref="TimeoutException">The last attempt was abandoned at a gateway loss or got no answer, and the budget is spent.</exception>
    public Task RetryAsync(Func<Task> call, CancellationToken cancellationToken) =>
        RetryAsync(async () => { await call().ConfigureAwait(false); return true; }, cancellationToken);

    private async Task<T> AttemptAsync<T>(Func<Task<T>> call)
    {
        var lost = gatewayLoss.NextLoss; // taken before the call is sent: a loss after it may have taken the request with it
        var attempt = call();
        if (await Task.WhenAny(attempt, lost).ConfigureAwait(false) == attempt)
        {
            return await attempt.ConfigureAwait(false);
        }

        // The abandoned attempt may still fail later (its response timeout); observe that so it is not reported as unobserved.
        _ = attempt.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        throw new TimeoutException("A gateway connection closed while the grain call was in flight; its answer would never come.");
    }
}
