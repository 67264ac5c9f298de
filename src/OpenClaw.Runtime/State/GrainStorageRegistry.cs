namespace OpenClaw.Runtime.State;

/// <summary>Named grain storage providers (<c>Default</c> unless a grain names another).</summary>
public sealed class GrainStorageRegistry
{
    /// <summary>Name of the default provider.</summary>
    public const string DefaultName = "Default";

    private readonly Dictionary<string, IGrainStorage> providers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds or replaces a provider.</summary>
    public void Add(string name, IGrainStorage storage) => providers[name] = storage;

    /// <summary>Returns the provider with the given name.</summary>
    public IGrainStorage Get(string name) =>
        providers.TryGetValue(name, out var storage)
            ? storage
            : throw new InvalidOperationException($"No grain storage named '{name}' is configured (Orleans:GrainStorage:{name}:ProviderType).");
}
