using System.Text.Json;
using OpenClaw.Runtime.Invocation;
using OpenClaw.Runtime.State;

namespace OpenClaw.Runtime.Transport;

/// <summary>The body of a remote grain call: <c>{"interface","method","key","args":[...]}</c>, and the error body.</summary>
internal static class GrainCallWire
{
    public const string Path = "/openclaw/grain-call";

    public static byte[] WriteRequest(GrainReference reference, GrainMethod method, object?[] args)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("interface", reference.Interface.Name);
            writer.WriteString("method", method.Id);
            writer.WriteString("key", reference.Key);
            writer.WriteStartArray("args");
            for (var i = 0; i < args.Length; i++)
            {
                JsonSerializer.Serialize(writer, args[i], method.ParameterTypes[i], GrainStateSerializer.Options);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static (string Interface, string Method, string Key, JsonElement Args) ReadRequest(JsonDocument document)
    {
        var root = document.RootElement;
        return (
            root.GetProperty("interface").GetString() ?? string.Empty,
            root.GetProperty("method").GetString() ?? string.Empty,
            root.GetProperty("key").GetString() ?? string.Empty,
            root.GetProperty("args"));
    }

    public static object?[] ReadArguments(GrainMethod method, JsonElement args)
    {
        var values = new object?[method.ParameterTypes.Length];
        var i = 0;
        foreach (var element in args.EnumerateArray())
        {
            if (i >= values.Length)
            {
                break;
            }

            values[i] = element.Deserialize(method.ParameterTypes[i], GrainStateSerializer.Options);
            i++;
        }

        return i == values.Length ? values : throw new ArgumentException($"{method.Id} expects {values.Length} arguments, got {i}.");
    }

    /// <summary>Recreates the grain's exception when its type is a runtime or OpenClaw exception with a message constructor.</summary>
    public static Exception ReadError(string? typeName, string? message)
    {
        message ??= "The grain call failed.";
        var type = typeName is null ? null : Type.GetType(typeName) ?? FindOpenClawType(typeName);
        var trusted = type is not null && typeof(Exception).IsAssignableFrom(type)
            && (type.Assembly == typeof(object).Assembly || type.Assembly.GetName().Name?.StartsWith("OpenClaw.", StringComparison.Ordinal) == true);
        if (trusted && type!.GetConstructor([typeof(string)]) is { } constructor)
        {
            return (Exception)constructor.Invoke([message]);
        }

        return new GrainCallException(message, typeName);
    }

    private static Type? FindOpenClawType(string typeName) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("OpenClaw.", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(typeName))
            .FirstOrDefault(t => t is not null);
}
