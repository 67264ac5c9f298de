using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.TikTokShop.Json;

/// <summary>Money and quantities arrive as decimal strings ("12.30"); numbers are accepted too. Anything else is a bad response.</summary>
public sealed class DecimalStringConverter : JsonConverter<decimal>
{
    /// <inheritdoc />
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String
            && decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("Expected a decimal amount.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>Unix seconds ↔ <see cref="DateTimeOffset"/> (UTC).</summary>
public sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        UnixTime.Read(ref reader, fromMilliseconds: false);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
    }
}

/// <summary>Unix milliseconds ↔ <see cref="DateTimeOffset"/> (tracking events).</summary>
public sealed class UnixMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        UnixTime.Read(ref reader, fromMilliseconds: true);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds());
    }
}

internal static class UnixTime
{
    // Wide enough for any real timestamp, narrow enough that DateTimeOffset never overflows.
    private const long MaxSeconds = 253_402_300_799;

    public static DateTimeOffset Read(ref Utf8JsonReader reader, bool fromMilliseconds)
    {
        long value;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            value = number;
        }
        else if (reader.TokenType == JsonTokenType.String
            && long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
        }
        else
        {
            throw new JsonException("Expected a Unix timestamp.");
        }

        var seconds = fromMilliseconds ? value / 1000 : value;
        if (seconds is < 0 or > MaxSeconds)
        {
            throw new JsonException("Unix timestamp out of range.");
        }

        return fromMilliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
    }
}
