using System.Text.Json;

namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>Typed access to a JSON request body; a field of the wrong type answers an envelope error naming the field, never a 500.</summary>
public readonly struct BodyReader(JsonElement root, int errorCode)
{
    /// <summary>The raw element (Undefined when there is no body).</summary>
    public JsonElement Root => root;

    /// <summary>An optional integer field.</summary>
    public long? Number(string name) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var v) => v,
        _ => throw Invalid(name, "an integer"),
    };

    /// <summary>An optional string field.</summary>
    public string? Text(string name) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => throw Invalid(name, "a string"),
    };

    /// <summary>An optional array of strings, or a single string treated as one element.</summary>
    public IReadOnlyList<string>? Texts(string name) => Field(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => [e.GetString()!],
        { ValueKind: JsonValueKind.Array } e when e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String) =>
            e.EnumerateArray().Select(x => x.GetString()!).ToList(),
        _ => throw Invalid(name, "an array of strings"),
    };

    /// <summary>An optional field as a raw element (null when absent or JSON null).</summary>
    public JsonElement? Field(string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value;
    }

    /// <summary>The error for a field of the wrong shape.</summary>
    public ApiException Invalid(string name, string expected) =>
        new(ApiError.Of(errorCode, $"invalid parameter {name}: must be {expected}"));
}
