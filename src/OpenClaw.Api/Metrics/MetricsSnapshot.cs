namespace OpenClaw.Api.Metrics;

/// <summary>What every shared result says about itself.</summary>
public interface IMetricsSnapshot
{
    /// <summary>When the computation that made it started reading (UTC): its figures are at least that fresh.</summary>
    DateTimeOffset ComputedAt { get; }
}

/// <summary>One shared result of <see cref="MetricsSnapshots"/>: the value, when it was computed, its response body.</summary>
/// <typeparam name="T">The result.</typeparam>
public sealed class MetricsSnapshot<T> : IMetricsSnapshot
{
    private readonly Lazy<byte[]> json;
    private readonly Lazy<byte[]> gzip;

    /// <summary>A result computed from a read started at <paramref name="computedAt"/>.</summary>
    public MetricsSnapshot(T value, DateTimeOffset computedAt, Func<T, DateTimeOffset, byte[]> serialize)
    {
        ArgumentNullException.ThrowIfNull(serialize);
        Value = value;
        ComputedAt = computedAt;
        json = new Lazy<byte[]>(() => serialize(value, computedAt));
        gzip = new Lazy<byte[]>(() => Compress(json.Value));
    }

    /// <summary>The result.</summary>
    public T Value { get; }

    /// <inheritdoc />
    public DateTimeOffset ComputedAt { get; }

    /// <summary>The UTF-8 JSON body, made once and shared by every response that serves this result.</summary>
    public byte[] Json => json.Value;

    /// <summary><see cref="Json"/> gzip-compressed, made once (for clients sending <c>Accept-Encoding: gzip</c>).</summary>
    public byte[] GzipJson => gzip.Value;

    private static byte[] Compress(byte[] body)
    {
        using var output = new MemoryStream(body.Length / 8 + 64);
        using (var zip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(body);
        }

        return output.ToArray();
    }
}
