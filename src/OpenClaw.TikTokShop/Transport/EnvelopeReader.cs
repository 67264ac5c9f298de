using System.Text.Json;

namespace OpenClaw.TikTokShop.Transport;

/// <summary>The envelope fields, with <c>data</c> left as a byte range so it is deserialised only on success.</summary>
internal readonly record struct Envelope(int Code, string? Message, string? RequestId, int DataStart, int DataLength)
{
    public bool HasData => DataLength > 0;
}

/// <summary>
/// Reads <c>{code, message, request_id, data}</c> in one forward pass without building a DOM. Anything that is not
/// exactly one JSON object with an integer code is reported as a failure, never thrown.
/// </summary>
internal static class EnvelopeReader
{
    private const int MaxMessageLength = 500;

    public static bool TryRead(ReadOnlySpan<byte> body, out Envelope envelope, out string? failure)
    {
        envelope = default;
        try
        {
            return TryReadCore(body, out envelope, out failure);
        }
        catch (JsonException ex)
        {
            // Position only: the message of a JsonException never quotes the offending value.
            failure = "Invalid JSON (" + ex.BytePositionInLine?.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
            return false;
        }
        catch (InvalidOperationException)
        {
            failure = "Envelope field has the wrong type";
            return false;
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> body, out Envelope envelope, out string? failure)
    {
        envelope = default;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            failure = "Body is not a JSON object";
            return false;
        }

        int? code = null;
        string? message = null, requestId = null;
        int dataStart = 0, dataLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("code"u8))
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var c))
                {
                    failure = "code is not an integer";
                    return false;
                }

                code = c;
            }
            else if (name.SequenceEqual("message"u8))
            {
                message = ReadOptionalString(ref reader);
            }
            else if (name.SequenceEqual("request_id"u8))
            {
                requestId = ReadOptionalString(ref reader);
            }
            else if (name.SequenceEqual("data"u8))
            {
                if (reader.TokenType != JsonTokenType.Null)
                {
                    dataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    dataLength = (int)reader.BytesConsumed - dataStart;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            failure = "Envelope is not a complete JSON object";
            return false;
        }

        // Trailing bytes after the object: throws JsonException (caught above) unless only whitespace follows.
        if (reader.Read())
        {
            failure = "Trailing content after the envelope";
            return false;
        }

        if (code is null)
        {
            failure = "Envelope has no code";
            return false;
        }

        envelope = new Envelope(code.Value, Truncate(message), Truncate(requestId), dataStart, dataLength);
        failure = null;
        return true;
    }

    private static string? ReadOptionalString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new InvalidOperationException(),
    };

    private static string? Truncate(string? text) =>
        text is { Length: > MaxMessageLength } ? text[..MaxMessageLength] : text;
}
