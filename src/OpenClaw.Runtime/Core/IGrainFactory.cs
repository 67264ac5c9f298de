namespace OpenClaw.Runtime;

/// <summary>Creates references to grains; calls on a reference are routed to the grain's single activation.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrainInterface"/> with the given key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey;
}

/// <summary>A process that calls grains without hosting them (for example the API).</summary>
public interface IClusterClient : IGrainFactory;
