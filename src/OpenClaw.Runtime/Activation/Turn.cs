using OpenClaw.Runtime.Invocation;

namespace OpenClaw.Runtime.Activation;

/// <summary>A unit of work waiting in an activation's mailbox.</summary>
internal abstract class Turn
{
    /// <summary>Runs the turn; never throws (failures go to whoever waits for the turn).</summary>
    public abstract Task RunAsync(GrainActivation activation);

    /// <summary>The activation ended before this turn ran: deliver it elsewhere or give up.</summary>
    public abstract void Abandon(Exception? activationFailure);
}

/// <summary>A grain call queued behind another turn.</summary>
internal sealed class CallTurn<T>(GrainReference reference, GrainMethod<T> method, object?[] args) : Turn
{
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => completion.Task;

    public override async Task RunAsync(GrainActivation activation)
    {
        try
        {
            completion.TrySetResult(await activation.ExecuteAsync(method, args).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            completion.TrySetException(ex);
        }
    }

    public override void Abandon(Exception? activationFailure)
    {
        if (activationFailure is not null)
        {
            completion.TrySetException(activationFailure);
            return;
        }

        // The activation was deactivated with this call still queued: route it again (a new activation, or the new owner).
        _ = Forward();

        async Task Forward()
        {
            try
            {
                completion.TrySetResult(await reference.Router.RouteAsync(reference, method, args).ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                completion.TrySetException(ex);
            }
        }
    }
}

/// <summary>A reminder or timer callback run as a turn.</summary>
internal sealed class CallbackTurn(Func<CancellationToken, Task> callback, CancellationToken cancellationToken) : Turn
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => completion.Task;

    public override async Task RunAsync(GrainActivation activation)
    {
        try
        {
            await callback(cancellationToken).ConfigureAwait(false);
            completion.TrySetResult();
        }
        catch (Exception ex)
        {
            completion.TrySetException(ex);
        }
    }

    public override void Abandon(Exception? activationFailure) =>
        completion.TrySetException(activationFailure ?? new OperationCanceledException("The activation was deactivated before the callback ran."));
}
