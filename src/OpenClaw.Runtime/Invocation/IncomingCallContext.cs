using OpenClaw.Runtime.Activation;

namespace OpenClaw.Runtime.Invocation;

/// <summary>Walks the incoming call filters, then runs the grain method.</summary>
internal sealed class IncomingCallContext(GrainActivation activation, GrainMethod method, object?[] args, IIncomingGrainCallFilter[] filters)
    : FilteredCall(method.Method, args, filters.Length), IIncomingGrainCallContext
{
    public object Grain => activation.Grain;

    public GrainId TargetId => activation.GrainId;

    protected override Task InvokeFilterAsync(int index) => filters[index].Invoke(this);

    protected override Task<object?> InvokeTargetAsync() => method.InvokeBoxedAsync(activation.Grain, Args);
}
