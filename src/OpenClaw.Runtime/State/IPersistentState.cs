namespace OpenClaw.Runtime;

/// <summary>State object with its storage metadata, as passed to an <see cref="IGrainStorage"/> provider.</summary>
/// <typeparam name="T">State type.</typeparam>
public interface IGrainState<T>
{
    /// <summary>The state value.</summary>
    T State { get; set; }

    /// <summary>Version tag of the stored record (null when never written or cleared without a tombstone).</summary>
    string? ETag { get; set; }

    /// <summary>Whether a record exists in storage.</summary>
    bool RecordExists { get; set; }
}

/// <summary>A named piece of grain state, injected with <see cref="PersistentStateAttribute"/>.</summary>
/// <typeparam name="T">State type (a class with a parameterless constructor, serialised as JSON).</typeparam>
public interface IPersistentState<T> : IGrainState<T>
{
    /// <summary>Alias of <see cref="IGrainState{T}.ETag"/> with Orleans' newer spelling.</summary>
    string? Etag { get; }

    /// <summary>Reads the state from storage, replacing <see cref="IGrainState{T}.State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state if nobody else wrote since it was read; otherwise throws <see cref="InconsistentStateException"/>.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the state (keeping a tombstone etag) and resets <see cref="IGrainState{T}.State"/> to a new value.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{T}"/> for injection.</summary>
/// <param name="stateName">Name of the state (part of the storage key).</param>
/// <param name="storageName">Name of the storage provider; null means <c>Default</c>.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>Name of the state.</summary>
    public string StateName { get; } = stateName;

    /// <summary>Name of the storage provider.</summary>
    public string? StorageName { get; } = storageName;
}

/// <summary>A state write or clear found a different etag in storage: someone else wrote since this copy was read.</summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InconsistentStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with both etags.</summary>
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>Etag found in storage, when known.</summary>
    public string? StoredEtag { get; }

    /// <summary>Etag the writer expected.</summary>
    public string? CurrentEtag { get; }
}
