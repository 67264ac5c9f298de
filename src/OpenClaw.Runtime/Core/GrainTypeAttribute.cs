namespace OpenClaw.Runtime;

/// <summary>Overrides the grain type name derived from the class name (as Orleans' <c>[GrainType]</c>).</summary>
/// <param name="grainType">The grain type name used in grain ids and storage keys.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string GrainType { get; } = grainType;
}

/// <summary>How long an activation of this grain class may stay idle before it is collected.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Minutes of idleness.</summary>
    public double Minutes { get; set; }

    /// <summary>Seconds of idleness (added to <see cref="Minutes"/>).</summary>
    public double Seconds { get; set; }

    /// <summary>The configured age.</summary>
    public TimeSpan Amount => TimeSpan.FromMinutes(Minutes) + TimeSpan.FromSeconds(Seconds);
}
