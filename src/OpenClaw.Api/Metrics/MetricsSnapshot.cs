using System.Collections.Concurrent;

namespace OpenClaw.Api.Metrics;

/// <summary>What every shared result says about itself.</summary>
public interface IMetricsSnapshot
{
    /// <summary>When the computation that made it started reading (UTC): its figures are at least that fresh.</summary>
    DateTimeOffset ComputedAt { get; }
}

/// <summary>
/// One shared result of <see cref="MetricsSnapshots"/>: the value, when it was computed, and its response bodies — the
/// whole value, or views of it such as one page of the overview's shops, each serialized once per result.
/// </summary>
/// <typeparam name="T">The result.</typeparam>
public sealed class MetricsSnapshot<T> : IMetricsSnapshot
{
    /// <summary>Views kept per result; further ones (a client walking many page sizes) are made per request, not kept.</summary>
    public const int MaxViews = 64;

    private readonly Lazy<SharedBody> body;
    private readonly ConcurrentDictionary<string, Lazy<SharedBody>> views = new(StringComparer.Ordinal);

    /// <summary>A result computed from a read started at <paramref name="computedAt"/>; <paramref name="serialize"/> makes its whole body.</summary>
    public MetricsSnapshot(T value, DateTimeOffset computedAt, Func<T, DateTimeOffset, byte[]> serialize)
    {
        ArgumentNullException.ThrowIfNull(serialize);
        Value = value;
        ComputedAt = computedAt;
        body = new Lazy<SharedBody>(() => new SharedBody(serialize(value, computedAt)));
    }

    /// <summary>The result.</summary>
    public T Value { get; }

    /// <inheritdoc />
    public DateTimeOffset ComputedAt { get; }

    /// <summary>The whole value's body, made once and shared by every response that serves this result.</summary>
    public SharedBody Body => body.Value;

    /// <summary>
    /// A view of the value named <paramref name="key"/> (e.g. <c>"page.&lt;after&gt;.&lt;size&gt;"</c>, <see cref="OverviewPage.ViewKey"/>): made by <paramref name="serialize"/>
    /// once per result and key while fewer than <see cref="MaxViews"/> are kept, else made for this request only.
    /// </summary>
    public SharedBody View(string key, Func<T, DateTimeOffset, byte[]> serialize)
    {
        ArgumentNullException.ThrowIfNull(serialize);
        if (views.TryGetValue(key, out var kept))
        {
            return kept.Value;
        }

        var tag = "-" + key.Replace('"', '\'');
        return views.Count >= MaxViews
            ? new SharedBody(serialize(Value, ComputedAt), tag)
            : views.GetOrAdd(key, _ => new Lazy<SharedBody>(() => new SharedBody(serialize(Value, ComputedAt), tag))).Value;
    }
}
