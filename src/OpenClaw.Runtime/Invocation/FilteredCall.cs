using System.Reflection;

namespace OpenClaw.Runtime.Invocation;

/// <summary>Walks a chain of call filters, one per <see cref="Invoke"/>, then runs the call itself.</summary>
internal abstract class FilteredCall(MethodInfo method, object?[] args, int filterCount) : IGrainCallContext
{
    private int next;

    public MethodInfo InterfaceMethod => method;

    public IReadOnlyList<object?> Arguments => args;

    public object? Result { get; set; }

    /// <summary>The arguments as the call carries them.</summary>
    protected object?[] Args => args;

    public async Task Invoke()
    {
        if (next < filterCount)
        {
            await InvokeFilterAsync(next++).ConfigureAwait(false);
            return;
        }

        Result = await InvokeTargetAsync().ConfigureAwait(false);
    }

    /// <summary>Runs filter <paramref name="index"/>, passing this context on.</summary>
    protected abstract Task InvokeFilterAsync(int index);

    /// <summary>Runs the call the filters wrap.</summary>
    protected abstract Task<object?> InvokeTargetAsync();
}
