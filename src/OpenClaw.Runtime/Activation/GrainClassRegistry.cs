using OpenClaw.Runtime.Invocation;

namespace OpenClaw.Runtime.Activation;

/// <summary>The grain classes a silo hosts, by interface, interface name and grain type name.</summary>
internal sealed class GrainClassRegistry
{
    private readonly Dictionary<Type, GrainClass> byInterface = [];
    private readonly Dictionary<string, GrainInterface> interfacesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GrainClass> byGrainType = new(StringComparer.Ordinal);

    public GrainClassRegistry(IEnumerable<Type> grainClasses, TimeSpan defaultCollectionAge, IReadOnlyDictionary<string, TimeSpan> collectionAges)
    {
        foreach (var type in grainClasses.Distinct())
        {
            var grainClass = new GrainClass(type, defaultCollectionAge);
            if (collectionAges.TryGetValue(grainClass.GrainType, out var age) || collectionAges.TryGetValue(type.FullName ?? type.Name, out age))
            {
                grainClass.CollectionAge = age;
            }

            if (!byGrainType.TryAdd(grainClass.GrainType, grainClass))
            {
                throw new InvalidOperationException($"Grain type '{grainClass.GrainType}' is used by two classes; give one a [GrainType].");
            }

            foreach (var grainInterface in grainClass.Interfaces)
            {
                if (!byInterface.TryAdd(grainInterface, grainClass))
                {
                    throw new InvalidOperationException($"{grainInterface.Name} is implemented by two grain classes; this runtime needs one.");
                }

                var described = GrainInterface.Of(grainInterface);
                interfacesByName[described.Name] = described;
            }
        }
    }

    public IEnumerable<GrainClass> Classes => byGrainType.Values;

    public GrainClass ForInterface(Type grainInterface) =>
        byInterface.TryGetValue(grainInterface, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No grain class implementing {grainInterface.Name} is registered with this silo.");

    public bool TryGetInterface(string name, out GrainInterface? grainInterface) => interfacesByName.TryGetValue(name, out grainInterface);

    public bool TryGetByGrainType(string grainType, out GrainClass? grainClass) => byGrainType.TryGetValue(grainType, out grainClass);
}
