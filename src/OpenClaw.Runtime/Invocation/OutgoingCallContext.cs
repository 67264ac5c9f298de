using System.Reflection;

namespace OpenClaw.Runtime.Invocation;

/// <summary>Walks the outgoing call filters, then routes the call.</summary>
internal sealed class OutgoingCallContext<T>(GrainCallRouter router, GrainReference reference, GrainMethod<T> method, object?[] args, IOutgoingGrainCallFilter[] filters)
    : IOutgoingGrainCallContext
{
    private int next;

    public Type InterfaceType => reference.Interface.Type;

    public string PrimaryKey => reference.Key;

    public MethodInfo InterfaceMethod => method.Method;

    public IReadOnlyList<object?> Arguments => args;

    public object? Result { get; set; }

    public async Task Invoke()
    {
        if (next < filters.Length)
        {
            await filters[next++].Invoke(this).ConfigureAwait(false);
            return;
        }

        Result = await router.RouteAsync(reference, method, args).ConfigureAwait(false);
    }

    public async Task<T> RunAsync()
    {
        await Invoke().ConfigureAwait(false);
        return (T)Result!;
    }
}
