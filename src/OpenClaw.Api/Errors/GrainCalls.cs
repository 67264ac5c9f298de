using Microsoft.Extensions.Options;
using OpenClaw.Api.Access;
using OpenClaw.Grains.Calls;

namespace OpenClaw.Api.Errors;

/// <summary>Grain calls from the API: retried across a silo failover (<see cref="GrainCallRetry"/>) within <see cref="ApiOptions.GrainCallBudget"/>.</summary>
public sealed class GrainCalls(IOptions<ApiOptions> options)
{
    /// <summary>Runs an idempotent grain call with retries.</summary>
    public Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        GrainCallRetry.RetryAsync(call, options.Value.GrainCallBudget, cancellationToken);

    /// <summary>Runs an idempotent grain call with retries.</summary>
    public Task RetryAsync(Func<Task> call, CancellationToken cancellationToken) =>
        GrainCallRetry.RetryAsync(async () => { await call().ConfigureAwait(false); return true; }, options.Value.GrainCallBudget, cancellationToken);
}
