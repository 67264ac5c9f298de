namespace OpenClaw.Runtime;

/// <summary>A grain storage provider (Orleans' <c>IGrainStorage</c>): compare-and-set on an etag.</summary>
public interface IGrainStorage
{
    /// <summary>Reads the record into <paramref name="grainState"/>.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    /// <summary>Writes when the stored etag equals <see cref="IGrainState{T}.ETag"/> (or both are empty), then sets the new etag.</summary>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    /// <summary>Clears the record on the same condition, leaving a tombstone etag.</summary>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);
}
