using Microsoft.Extensions.Logging;
using OpenClaw.Runtime.Cluster;
using OpenClaw.Runtime.Hosting;
using OpenClaw.Runtime.Invocation;
using OpenClaw.Runtime.Reminders;
using OpenClaw.Runtime.State;

namespace OpenClaw.Runtime.Activation;

/// <summary>The grain host of one silo: catalog, grain classes, storage, filters and reminders.</summary>
internal sealed class SiloRuntime : IGrainFactory
{
    private const int LookupAttempts = 8;

    public SiloRuntime(
        IServiceProvider services,
        OpenClawRuntimeOptions options,
        GrainClassRegistry classes,
        GrainStorageRegistry storage,
        IShardOwnership ownership,
        GrainCallRouter router,
        ReminderRegistry reminders,
        IEnumerable<IIncomingGrainCallFilter> filters,
        ILogger<SiloRuntime> log)
    {
        Services = services;
        Options = options;
        Classes = classes;
        Storage = storage;
        Ownership = ownership;
        Router = router;
        Reminders = reminders;
        Filters = [.. filters];
        Log = log;
        Catalog = new Catalog(this);
        router.Silo = this;
    }

    public IServiceProvider Services { get; }

    public OpenClawRuntimeOptions Options { get; }

    public GrainClassRegistry Classes { get; }

    public GrainStorageRegistry Storage { get; }

    public IShardOwnership Ownership { get; }

    public GrainCallRouter Router { get; }

    public ReminderRegistry Reminders { get; }

    public IIncomingGrainCallFilter[] Filters { get; }

    public ILogger Log { get; }

    public Catalog Catalog { get; }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey => Router.GetGrain<TGrainInterface>(primaryKey);

    /// <summary>Delivers a call to the local activation (creating it); null when the shard is not served here.</summary>
    public Task<T>? TryInvokeLocal<T>(GrainReference reference, GrainMethod<T> method, object?[] args)
    {
        for (var attempt = 0; attempt < LookupAttempts && Ownership.IsServing(reference.Shard); attempt++)
        {
            var activation = reference.CachedActivation;
            if (activation is null || activation.Status == ActivationStatus.Deactivated)
            {
                var grainClass = Classes.ForInterface(reference.Interface.Type);
                activation = Catalog.GetOrCreate(new GrainId(grainClass.GrainType, reference.Key), grainClass, reference.Shard);
                reference.CachedActivation = activation;
            }

            var task = activation.TryInvoke(reference, method, args);
            if (task is not null)
            {
                return task;
            }

            reference.CachedActivation = null;
        }

        return null;
    }

    /// <summary>The activation of a grain id (for reminders), or null when its shard is not served here.</summary>
    public GrainActivation? ActivationFor(GrainId grainId)
    {
        var shard = ShardMap.ShardOf(grainId.Key);
        if (!Ownership.IsServing(shard) || !Classes.TryGetByGrainType(grainId.Type, out var grainClass))
        {
            return null;
        }

        return Catalog.GetOrCreate(grainId, grainClass!, shard);
    }
}
