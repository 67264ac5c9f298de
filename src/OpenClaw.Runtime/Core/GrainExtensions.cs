using OpenClaw.Runtime.Invocation;

namespace OpenClaw.Runtime;

/// <summary>Orleans-style accessors on grains and grain references.</summary>
public static class GrainExtensions
{
    /// <summary>The string key of a grain instance or grain reference.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain switch
    {
        Grain g => g.GrainKey,
        GrainProxy p => p.Reference.Key,
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new ArgumentException($"{grain.GetType().Name} is neither a grain nor a grain reference.", nameof(grain)),
    };
}
