using System.Reflection;

namespace OpenClaw.Runtime;

/// <summary>A grain call as a filter sees it (Orleans' <c>IGrainCallContext</c>).</summary>
public interface IGrainCallContext
{
    /// <summary>The interface method called.</summary>
    MethodInfo InterfaceMethod { get; }

    /// <summary>The arguments.</summary>
    IReadOnlyList<object?> Arguments { get; }

    /// <summary>The result after <see cref="Invoke"/> (null for methods without one).</summary>
    object? Result { get; set; }

    /// <summary>Runs the next filter, or the call itself after the last one.</summary>
    Task Invoke();
}

/// <summary>A call being delivered to a grain, as seen by <see cref="IIncomingGrainCallFilter"/>.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance.</summary>
    object Grain { get; }

    /// <summary>The grain id.</summary>
    GrainId TargetId { get; }
}

/// <summary>Runs around every grain call inside the grain's turn (Orleans' incoming call filter), e.g. for tracing.</summary>
public interface IIncomingGrainCallFilter
{
    /// <summary>Handles the call; must call <see cref="IGrainCallContext.Invoke"/> to run the grain method.</summary>
    Task Invoke(IIncomingGrainCallContext context);
}

/// <summary>A call leaving a caller (grain or client), as seen by <see cref="IOutgoingGrainCallFilter"/>.</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain interface called.</summary>
    Type InterfaceType { get; }

    /// <summary>The target grain's key.</summary>
    string PrimaryKey { get; }
}

/// <summary>Runs around every call a process makes on a grain reference (Orleans' outgoing call filter).</summary>
public interface IOutgoingGrainCallFilter
{
    /// <summary>Handles the call; must call <see cref="IGrainCallContext.Invoke"/> to send it.</summary>
    Task Invoke(IOutgoingGrainCallContext context);
}
