using System.Reflection;

namespace OpenClaw.Runtime.Invocation;

/// <summary>Run-time generated implementation of a grain interface: every call is dispatched through its reference.</summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from this class at run time.
public class GrainProxy : DispatchProxy
#pragma warning restore CA1852
{
    private GrainReference? reference;

    internal GrainReference Reference => reference ?? throw new InvalidOperationException("Grain proxy is not bound.");

    internal static TGrainInterface Create<TGrainInterface>(GrainReference reference)
        where TGrainInterface : IGrainWithStringKey
    {
        var proxy = Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)proxy).reference = reference;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var bound = Reference;
        if (!bound.Interface.ByMethod.TryGetValue(targetMethod, out var method))
        {
            return targetMethod.Name switch
            {
                nameof(ToString) => $"GrainReference:{bound.Interface.Type.Name}/{bound.Key}",
                _ => throw new NotSupportedException($"{targetMethod.Name} is not a grain method of {bound.Interface.Name}."),
            };
        }

        return method.Dispatch(bound, args ?? []);
    }
}
