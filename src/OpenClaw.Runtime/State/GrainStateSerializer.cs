using System.Text.Json;

namespace OpenClaw.Runtime.State;

/// <summary>JSON for stored state: System.Text.Json with default (PascalCase) names, as Orleans' JSON serializer writes.</summary>
public static class GrainStateSerializer
{
    /// <summary>Options used for state and for remote call payloads.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General);

    /// <summary>Serialises a state value.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserialises a state value, creating a new one when the payload is JSON null.</summary>
    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? CreateDefault<T>();

    /// <summary>A fresh state value: a new instance for classes with a parameterless constructor, else default.</summary>
    public static T CreateDefault<T>() =>
        typeof(T).IsValueType || typeof(T) == typeof(string) || typeof(T).GetConstructor(Type.EmptyTypes) is null
            ? default!
            : Activator.CreateInstance<T>();
}
