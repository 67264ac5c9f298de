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

    /// <summary>A result computed from a read started at <paramref name="computedAt"/>.</summary>
    public MetricsSnapshot(T value, DateTimeOffset computedAt, Func<T, DateTimeOffset, byte[]> serialize)
    {
        ArgumentNullException.ThrowIfNull(serialize);
        Value = value;
        ComputedAt = computedAt;
        json = new Lazy<byte[]>(() => serialize(value, computedAt));
    }

    /// <summary>The result.</summary>
    public T Value { get; }

    /// <inheritdoc />
    public DateTimeOffset ComputedAt { get; }

    /// <summary>The UTF-8 JSON body, made once and shared by every response that serves this result.</summary>
    public byte[] Json => json.Value;
}
