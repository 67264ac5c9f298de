namespace OpenClaw.Runtime;

/// <summary>A remote grain call failed with an exception type this process cannot recreate.</summary>
public sealed class GrainCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainCallException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GrainCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a remote failure.</summary>
    public GrainCallException(string message, string? remoteExceptionType)
        : base(message)
    {
        RemoteExceptionType = remoteExceptionType;
    }

    /// <summary>Full name of the exception type thrown by the grain.</summary>
    public string? RemoteExceptionType { get; }
}

/// <summary>The call certainly did not run (the silo refused it or could not be reached): safe to retry elsewhere.</summary>
internal sealed class GrainCallNotDeliveredException(string message, Exception? inner = null) : Exception(message, inner);
