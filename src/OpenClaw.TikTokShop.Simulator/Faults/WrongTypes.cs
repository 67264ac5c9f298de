using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenClaw.TikTokShop.Simulator.Faults;

/// <summary>
/// The <c>wrong_types</c> fault: keeps the envelope's shape but swaps JSON types inside <c>data</c> — numbers become
/// strings and numeric strings (ids, money) become numbers — as a misbehaving upstream would.
/// </summary>
public static class WrongTypes
{
    /// <summary>Rewrites a JSON envelope; text that is not JSON is returned unchanged.</summary>
    public static string Rewrite(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }

        if (root is JsonObject envelope && envelope["data"] is { } data)
        {
            envelope["data"] = Swap(data);
        }

        return root?.ToJsonString() ?? json;
    }

    // Builds a new tree: System.Text.Json nodes cannot be re-parented in place.
    private static JsonNode? Swap(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Swap(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Swap).ToArray()),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => JsonValue.Create(value.ToJsonString()),
        JsonValue value when value.GetValueKind() == JsonValueKind.String
                             && decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            => JsonValue.Create(number),
        _ => node?.DeepClone(),
    };
}
