using System.Diagnostics;
using OpenClaw.Runtime.Telemetry;

namespace OpenClaw.Runtime.State;

/// <summary>The injected <see cref="IPersistentState{T}"/>: binds a state name and provider to one activation.</summary>
internal sealed class PersistentState<T> : IPersistentState<T>, IPersistentStateLoader
{
    private readonly string stateName;
    private readonly string storageName;
    private readonly GrainId grainId;
    private readonly IGrainStorage storage;
    private readonly Action<InconsistentStateException> onConflict;

    public PersistentState(string stateName, string storageName, GrainId grainId, IGrainStorage storage, Action<InconsistentStateException> onConflict)
    {
        this.stateName = stateName;
        this.storageName = storageName;
        this.grainId = grainId;
        this.storage = storage;
        this.onConflict = onConflict;
        State = GrainStateSerializer.CreateDefault<T>();
    }

    public T State { get; set; }

    public string? ETag { get; set; }

    public string? Etag => ETag;

    public bool RecordExists { get; set; }

    public Task ReadStateAsync(CancellationToken cancellationToken = default) =>
        RunAsync("read", () => storage.ReadStateAsync(stateName, grainId, this, cancellationToken));

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        RunAsync("write", () => storage.WriteStateAsync(stateName, grainId, this, cancellationToken));

    public Task ClearStateAsync(CancellationToken cancellationToken = default) =>
        RunAsync("clear", () => storage.ClearStateAsync(stateName, grainId, this, cancellationToken));

    Task IPersistentStateLoader.LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    private async Task RunAsync(string operation, Func<Task> action)
    {
        using var span = RuntimeTelemetry.Source.StartActivity("storage " + operation, ActivityKind.Client);
        span?.SetTag("openclaw.grain.type", grainId.Type);
        span?.SetTag("openclaw.grain.state", stateName);
        span?.SetTag("openclaw.storage.provider", storageName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (InconsistentStateException ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, "etag conflict");
            onConflict(ex);
            throw;
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            RuntimeTelemetry.StorageDuration.Record(
                RuntimeTelemetry.SecondsSince(started),
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("provider", storageName));
        }
    }
}

/// <summary>Lets the activation read every injected state before <see cref="Grain.OnActivateAsync"/>.</summary>
internal interface IPersistentStateLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
