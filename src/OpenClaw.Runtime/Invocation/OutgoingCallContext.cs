namespace OpenClaw.Runtime.Invocation;

/// <summary>Walks the outgoing call filters, then routes the call.</summary>
internal sealed class OutgoingCallContext<T>(GrainCallRouter router, GrainReference reference, GrainMethod<T> method, object?[] args, IOutgoingGrainCallFilter[] filters)
    : FilteredCall(method.Method, args, filters.Length), IOutgoingGrainCallContext
{
    public Type InterfaceType => reference.Interface.Type;

    public string PrimaryKey => reference.Key;

    public async Task<T> RunAsync()
    {
        await Invoke().ConfigureAwait(false);
        return (T)Result!;
    }

    protected override Task InvokeFilterAsync(int index) => filters[index].Invoke(this);

    protected override async Task<object?> InvokeTargetAsync() => await router.RouteAsync(reference, method, Args).ConfigureAwait(false);
}
