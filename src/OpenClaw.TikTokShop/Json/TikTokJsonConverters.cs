using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.TikTokShop.Json;

/// <summary>
/// Money and figures read like money (contract §5): a non-negative dot-decimal string ("12.50"); a JSON number is
/// read with the same grammar. Both go through <see cref="WireDecimal"/>, so "12,50", "1e3", " 12.50" or "-5" are
/// a bad response, never a different amount.
/// </summary>
public sealed class DecimalStringConverter : JsonConverter<decimal>
{
    /// <inheritdoc />
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if ((reader.TokenType is JsonTokenType.String or JsonTokenType.Number) && TryRead(ref reader, out var value))
        {
            return value;
        }

        // The value itself is left out: error messages never quote what the server sent.
        throw new JsonException("Expected a non-negative dot-decimal amount such as \"12.50\" (contract §5).");
    }

    private static bool TryRead(ref Utf8JsonReader reader, out decimal value)
    {
        // An escaped string ("\u0031\u0032") is rare but legal JSON: unescape it first. Numbers are never escaped.
        if (reader.ValueIsEscaped)
        {
            return WireDecimal.TryParse(reader.GetString(), allowNegative: false, out value);
        }

        if (reader.HasValueSequence)
        {
            // Only multi-segment input has one; anything longer than a valid amount is refused without copying.
            value = 0m;
            return reader.ValueSequence.Length <= 64 && WireDecimal.TryParse(reader.ValueSequence.ToArray(), allowNegative: false, out value);
        }

        return WireDecimal.TryParse(reader.ValueSpan, allowNegative: false, out value);
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
