using System.Collections.Concurrent;

namespace OpenClaw.Runtime.Activation;

/// <summary>The activations alive in this silo, at most one per grain id.</summary>
internal sealed class Catalog(SiloRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> activations = new();

    public int Count => activations.Count;

    public IEnumerable<GrainActivation> All => activations.Values;

    /// <summary>The activation of <paramref name="grainId"/>, created (and started) when there is none.</summary>
    public GrainActivation GetOrCreate(GrainId grainId, GrainClass grainClass, int shard)
    {
        if (activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var created = new GrainActivation(runtime, grainId, grainClass, shard);
        var winner = activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(winner, created))
        {
            created.Start();
        }

        return winner;
    }

    public bool TryGet(GrainId grainId, out GrainActivation? activation) => activations.TryGetValue(grainId, out activation);

    public void Remove(GrainActivation activation) =>
        activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.GrainId, activation));

    /// <summary>Deactivates every activation matching <paramref name="filter"/> and waits for them to finish.</summary>
    public Task DeactivateAsync(Func<GrainActivation, bool> filter, DeactivationReason reason) =>
        Task.WhenAll(activations.Values.Where(filter).Select(a => a.RequestDeactivation(reason)).ToList());
}
