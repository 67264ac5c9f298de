using System.Reflection;
using OpenClaw.Runtime.Activation;

namespace OpenClaw.Runtime.Invocation;

/// <summary>Walks the incoming call filters, then runs the grain method.</summary>
internal sealed class IncomingCallContext(GrainActivation activation, GrainMethod method, object?[] args, IIncomingGrainCallFilter[] filters)
    : IIncomingGrainCallContext
{
    private int next;

    public object Grain => activation.Grain;

    public GrainId TargetId => activation.GrainId;

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

        Result = await method.InvokeBoxedAsync(activation.Grain, args).ConfigureAwait(false);
    }
}
