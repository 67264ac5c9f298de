using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace OpenClaw.ServiceDefaults.Tests;

/// <summary>OTLP span kinds (opentelemetry/proto/trace/v1/trace.proto).</summary>
internal enum OtlpSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>One exported span with the resource and scope it was sent under.</summary>
internal sealed record OtlpSpan(
    IReadOnlyDictionary<string, string> Resource, string Scope, string Name, OtlpSpanKind Kind, IReadOnlyDictionary<string, string> Attributes)
{
    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);
}

/// <summary>
/// Decodes the OTLP/HTTP protobuf body of <c>/v1/traces</c> (ExportTraceServiceRequest) into spans. Reading the wire
/// format properly lets the tests check which resource a span was sent under and what kind it is, instead of
/// searching the bytes for strings. Only the fields the tests look at are decoded; everything else is skipped.
/// </summary>
internal static class OtlpTraces
{
    public static IReadOnlyList<OtlpSpan> Decode(byte[] body)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Fields(body, 1))
        {
            var resource = Fields(resourceSpans, 1).Select(r => KeyValues(r, 1)).FirstOrDefault() ?? new Dictionary<string, string>();
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? string.Empty;
                foreach (var span in Fields(scopeSpans, 2))
                {
                    spans.Add(new OtlpSpan(resource, scope, Text(span, 5), (OtlpSpanKind)Varint(span, 6), KeyValues(span, 9)));
                }
            }
        }

        return spans;
    }

    // Repeated KeyValue { string key = 1; AnyValue value = 2; } with AnyValue rendered as text.
    private static Dictionary<string, string> KeyValues(byte[] message, int field) =>
        Fields(message, field)
            .Select(kv => (Key: Text(kv, 1), Value: Fields(kv, 2).Select(AnyValueText).FirstOrDefault() ?? string.Empty))
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    private static string AnyValueText(byte[] anyValue)
    {
        foreach (var (number, wireType, value, bytes) in Read(anyValue))
        {
            switch (number)
            {
                case 1 when wireType == 2: return Encoding.UTF8.GetString(bytes);
                case 2 when wireType == 0: return value != 0 ? "true" : "false";
                case 3 when wireType == 0: return ((long)value).ToString(CultureInfo.InvariantCulture);
                case 4 when wireType == 1: return BitConverter.UInt64BitsToDouble(value).ToString(CultureInfo.InvariantCulture);
            }
        }

        return string.Empty;
    }

    private static string Text(byte[] message, int field) =>
        Fields(message, field).Select(b => Encoding.UTF8.GetString(b)).LastOrDefault() ?? string.Empty;

    private static ulong Varint(byte[] message, int field) =>
        Read(message).Where(f => f.Number == field && f.WireType == 0).Select(f => f.Value).LastOrDefault();

    private static IEnumerable<byte[]> Fields(byte[] message, int field) =>
        Read(message).Where(f => f.Number == field && f.WireType == 2).Select(f => f.Bytes);

    private static List<(int Number, int WireType, ulong Value, byte[] Bytes)> Read(byte[] message)
    {
        var fields = new List<(int, int, ulong, byte[])>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var number = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add((number, wireType, ReadVarint(message, ref position), []));
                    break;
                case 1:
                    fields.Add((number, wireType, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(position, 8)), []));
                    position += 8;
                    break;
                case 2:
                    var length = checked((int)ReadVarint(message, ref position));
                    fields.Add((number, wireType, 0, message.AsSpan(position, length).ToArray()));
                    position += length;
                    break;
                case 5:
                    fields.Add((number, wireType, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(position, 4)), []));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"unsupported protobuf wire type {wireType} at byte {position}");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = message[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("varint longer than 64 bits");
    }
}
