namespace OpenClaw.Runtime.State;

/// <summary>
/// In-memory grain storage for unit tests: same etag and tombstone semantics as <see cref="RedisGrainStorage"/>, and
/// values are stored as JSON so a read never shares objects with a writer.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<string, (string Etag, string? Data)> records = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        (string Etag, string? Data) record;
        bool found;
        lock (records)
        {
            found = records.TryGetValue(Key(stateName, grainId), out record);
        }

        grainState.ETag = found ? record.Etag : null;
        grainState.RecordExists = found && record.Data is not null;
        grainState.State = grainState.RecordExists ? GrainStateSerializer.Deserialize<T>(record.Data!) : GrainStateSerializer.CreateDefault<T>();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = GrainStateSerializer.Serialize(grainState.State);
        grainState.ETag = Swap(stateName, grainId, grainState.ETag, data);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        grainState.ETag = Swap(stateName, grainId, grainState.ETag, data: null);
        grainState.RecordExists = false;
        grainState.State = GrainStateSerializer.CreateDefault<T>();
        return Task.CompletedTask;
    }

    private string Swap(string stateName, GrainId grainId, string? expected, string? data)
    {
        var key = Key(stateName, grainId);
        lock (records)
        {
            var stored = records.TryGetValue(key, out var record) ? record.Etag : null;
            if (!string.Equals(stored ?? string.Empty, expected ?? string.Empty, StringComparison.Ordinal))
            {
                throw new InconsistentStateException($"Version conflict on {stateName} of {grainId}.", stored, expected);
            }

            var etag = Guid.NewGuid().ToString("N");
            records[key] = (etag, data);
            return etag;
        }
    }

    private static string Key(string stateName, GrainId grainId) => grainId + "/" + stateName;
}
