using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Grains.Sync;

/// <summary>How shops sync (configuration section <c>Sync</c>); per-shop interval overrides live in the shop's settings.</summary>
public sealed class SyncOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Sync";

    /// <summary>Incremental windows end this long before now, so TikTok's index has settled (issue 9: "a little before now").</summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Each window starts this long before the previous one ended, to catch writes indexed late.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Size of one backfill chunk of <c>update_time</c>.</summary>
    public TimeSpan BackfillChunk { get; set; } = TimeSpan.FromDays(1);

    /// <summary>History fetched for a newly connected shop (issue 9 backfill; 0 disables it).</summary>
    public TimeSpan InitialBackfill { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// History fetched for products: the whole catalogue matters (a listing last changed a year ago is still live), so
    /// products backfill as one window this long, narrowed only when TikTok's 10,000-result cap (12052180) hits.
    /// </summary>
    public TimeSpan ProductBackfill { get; set; } = TimeSpan.FromDays(1096);

    /// <summary>The backfill chunk of <paramref name="domain"/>: <see cref="BackfillChunk"/>, or all of <see cref="ProductBackfill"/> for products.</summary>
    public TimeSpan ChunkOf(SyncDomain domain) => domain == SyncDomain.Products ? ProductBackfill : BackfillChunk;

    /// <summary>Smallest window worth a call: a due domain whose window would be shorter waits.</summary>
    public TimeSpan MinimumWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most pages one timer turn fetches before it yields to other callers of the grain.</summary>
    public int PagesPerTurn { get; set; } = 4;

    /// <summary>
    /// Most tracking calls one turn makes from each of the shop's tracking lists (due, then after backfill the backlog);
    /// tracking is the lowest-priority work, fetched once per final package (see <c>TrackingBacklog</c>).
    /// </summary>
    public int TrackingPerTurn { get; set; } = 10;

    /// <summary>A turn starts no new page after this much real time, so other callers of the grain wait little (a page in flight finishes).</summary>
    public TimeSpan TurnBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause between timer turns while work is pending (real time).</summary>
    public TimeSpan BusyTurnDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest a shop with nothing due sleeps before it looks again (real time; bounds the reaction to a clock that jumps).</summary>
    public TimeSpan MaxIdleDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay after a failed run; doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest backoff after repeated failures.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Default polling interval per domain (a shop's settings may override each).</summary>
    public Dictionary<SyncDomain, TimeSpan> Intervals { get; set; } = new()
    {
        [SyncDomain.Orders] = TimeSpan.FromMinutes(2),
        [SyncDomain.Returns] = TimeSpan.FromMinutes(5),
        [SyncDomain.Cancellations] = TimeSpan.FromMinutes(5),
        [SyncDomain.Packages] = TimeSpan.FromMinutes(5),
        [SyncDomain.Products] = TimeSpan.FromMinutes(15),
        [SyncDomain.Warehouses] = TimeSpan.FromHours(12),
        [SyncDomain.Performance] = TimeSpan.FromHours(6),
    };

    /// <summary>The interval of <paramref name="domain"/>: the shop's override, else the configured default, else 5 minutes.</summary>
    public TimeSpan IntervalOf(SyncDomain domain, IReadOnlyDictionary<SyncDomain, TimeSpan>? overrides) =>
        overrides is not null && overrides.TryGetValue(domain, out var own) ? own
        : Intervals.TryGetValue(domain, out var configured) ? configured : TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Settle < TimeSpan.Zero) yield return new("must not be negative", [nameof(Settle)]);
        if (Overlap < TimeSpan.Zero) yield return new("must not be negative", [nameof(Overlap)]);
        if (BackfillChunk <= TimeSpan.Zero) yield return new("must be positive", [nameof(BackfillChunk)]);
        if (ProductBackfill < TimeSpan.Zero || ProductBackfill > TimeSpan.FromDays(1096)) yield return new("must be 0–1096 days", [nameof(ProductBackfill)]);
        if (InitialBackfill < TimeSpan.Zero || InitialBackfill > TimeSpan.FromDays(1096)) yield return new("must be 0–1096 days", [nameof(InitialBackfill)]);
        if (MinimumWindow < TimeSpan.FromSeconds(1)) yield return new("must be at least 1 second (TikTok filters whole seconds)", [nameof(MinimumWindow)]);
        if (PagesPerTurn is < 1 or > 100) yield return new("must be 1–100", [nameof(PagesPerTurn)]);
        if (TrackingPerTurn is < 1 or > 100) yield return new("must be 1–100", [nameof(TrackingPerTurn)]);
        if (BusyTurnDelay < TimeSpan.Zero || MaxIdleDelay < BusyTurnDelay) yield return new("must be non-negative and at most MaxIdleDelay", [nameof(BusyTurnDelay)]);
        if (FailureBackoff <= TimeSpan.Zero || MaxBackoff < FailureBackoff) yield return new("must be positive and at most MaxBackoff", [nameof(FailureBackoff)]);
        foreach (var (domain, interval) in Intervals.Where(i => i.Value < TimeSpan.FromSeconds(1)))
        {
            yield return new($"{domain} must be at least 1 second", [nameof(Intervals)]);
        }
    }
}
