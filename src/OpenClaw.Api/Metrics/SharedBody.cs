using System.IO.Compression;

namespace OpenClaw.Api.Metrics;

/// <summary>
/// A JSON response body made once and served to every reader of a shared result: the UTF-8 bytes and, made on first
/// demand, their gzip (for clients sending <c>Accept-Encoding: gzip</c>).
/// </summary>
public sealed class SharedBody
{
    private readonly Lazy<byte[]> gzip;

    /// <summary>A body of <paramref name="json"/> (UTF-8 JSON); <paramref name="tag"/> tells it from other views of the same result in its ETag.</summary>
    public SharedBody(byte[] json, string tag = "")
    {
        Json = json ?? throw new ArgumentNullException(nameof(json));
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        gzip = new Lazy<byte[]>(() => Compress(Json));
    }

    /// <summary>Added to the result's ETag: empty for the whole value, else the view's name (no quotes).</summary>
    public string Tag { get; }

    /// <summary>The UTF-8 JSON body.</summary>
    public byte[] Json { get; }

    /// <summary><see cref="Json"/> gzip-compressed (fastest level: the body is made once, but while a reader waits).</summary>
    public byte[] GzipJson => gzip.Value;

    private static byte[] Compress(byte[] body)
    {
        using var output = new MemoryStream(body.Length / 8 + 64);
        using (var zip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(body);
        }

        return output.ToArray();
    }
}
