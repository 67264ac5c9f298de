using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;

namespace OpenClaw.Runtime.Invocation;

/// <summary>A grain interface's methods, built once per interface type.</summary>
internal sealed class GrainInterface
{
    private static readonly ConcurrentDictionary<Type, GrainInterface> Cache = new();

    private GrainInterface(Type type)
    {
        if (!type.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type.Name} is not a grain interface (an interface extending IGrainWithStringKey).", nameof(type));
        }

        Type = type;
        Name = type.FullName ?? type.Name;
        var methods = new[] { type }.Concat(type.GetInterfaces())
            .Where(i => i != typeof(IGrain) && i != typeof(IGrainWithStringKey) && i != typeof(IAddressable))
            .SelectMany(i => i.GetMethods(BindingFlags.Instance | BindingFlags.Public))
            .Select(GrainMethod.Create)
            .ToList();
        ByMethod = methods.ToFrozenDictionary(m => m.Method);
        ById = methods.GroupBy(m => m.Id, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public Type Type { get; }

    /// <summary>Full name, used on the wire.</summary>
    public string Name { get; }

    public FrozenDictionary<MethodInfo, GrainMethod> ByMethod { get; }

    public FrozenDictionary<string, GrainMethod> ById { get; }

    public static GrainInterface Of(Type type) => Cache.GetOrAdd(type, static t => new GrainInterface(t));
}
