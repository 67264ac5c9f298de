namespace OpenClaw.Grains.Alerts.Evaluation;

/// <summary>
/// A shop's TikTok call attempts over the recent past, for <see cref="AlertMetrics.ApiErrorRate"/>: failed attempts as
/// the client's failure hook reports them (<c>CallOptions.OnFailure</c>, the same hook that records ops errors: a call a
/// retry recovered counts its failed attempts, a call that failed counts every attempt), successful calls as the growth
/// of the sync report's <c>CallsToday</c> (one success per call that returned data) sampled after every turn and on the
/// alert timer. Counts sit in <see cref="BucketWidth"/> buckets kept for <see cref="MaxLookback"/>; a longer rule window
/// sees only that. In memory (per activation): after a restart the rate starts again from the first sample, which for
/// a 15-minute window is the honest choice over persisting a counter on every call. Thread-safe: the failure hook runs
/// off the activation's scheduler.
/// </summary>
public sealed class ApiCallWindow
{
    /// <summary>Width of one bucket (10 s): a rule window is rounded to whole buckets.</summary>
    public static readonly TimeSpan BucketWidth = TimeSpan.FromSeconds(10);

    /// <summary>How far back counts are kept (1 h): longer than the default 15-minute rule, bounded per shop (≤ 360 buckets).</summary>
    public static readonly TimeSpan MaxLookback = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Queue<Bucket> _buckets = new();
    private long? _lastCallsToday;

    /// <summary>Samples the report's calls of the quota day: the growth since the last sample counts as successful calls now.</summary>
    /// <param name="callsToday">The sync report's <c>CallsToday</c> (calls that returned data, this UTC day).</param>
    /// <param name="now">Sample time (UTC).</param>
    public void ObserveCallsToday(long callsToday, DateTimeOffset now)
    {
        lock (_gate)
        {
            // The first sample only sets the baseline (those calls' times are unknown); a smaller count is a new day.
            var added = _lastCallsToday is not { } last ? 0 : callsToday >= last ? callsToday - last : callsToday;
            _lastCallsToday = callsToday;
            if (added > 0)
            {
                At(now).Succeeded += added;
            }
        }
    }

    /// <summary>Counts <paramref name="failedAttempts"/> failed attempts of one call at <paramref name="now"/>; ignored before the first sample.</summary>
    public void RecordFailedAttempts(int failedAttempts, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_lastCallsToday is not null && failedAttempts > 0)
            {
                At(now).Failed += failedAttempts;
            }
        }
    }

    /// <summary>
    /// Failed attempts as a percentage (0–100) of all attempts over <paramref name="window"/> up to <paramref name="now"/>;
    /// 0 when nothing was attempted in the window (nothing failed, and a quiet shop's alert must be able to resolve);
    /// null before the first sample (the counts are not known yet).
    /// </summary>
    public double? ErrorRatePercent(TimeSpan window, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_lastCallsToday is null)
            {
                return null;
            }

            Trim(now);
            var from = BucketStart(now - window);
            long succeeded = 0, failed = 0;
            foreach (var bucket in _buckets.Where(b => b.Start >= from))
            {
                succeeded += bucket.Succeeded;
                failed += bucket.Failed;
            }

            return succeeded + failed == 0 ? 0 : 100.0 * failed / (succeeded + failed);
        }
    }

    /// <summary>Failed attempts to record for one reported call: every attempt of a failed call, the retried ones of a recovered call.</summary>
    public static int FailedAttemptsOf(int retryCount, bool recovered) => recovered ? Math.Max(1, retryCount) : retryCount + 1;

    private Bucket At(DateTimeOffset now)
    {
        Trim(now);
        var start = BucketStart(now);
        if (_buckets.Count > 0 && _buckets.Last() is { } last && last.Start >= start)
        {
            return last; // a late report lands in the newest bucket rather than reordering the queue
        }

        var bucket = new Bucket(start);
        _buckets.Enqueue(bucket);
        return bucket;
    }

    private void Trim(DateTimeOffset now)
    {
        var oldest = BucketStart(now - MaxLookback);
        while (_buckets.Count > 0 && _buckets.Peek().Start < oldest)
        {
            _buckets.Dequeue();
        }
    }

    private static DateTimeOffset BucketStart(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % BucketWidth.Ticks, TimeSpan.Zero);

    private sealed class Bucket(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public long Succeeded { get; set; }

        public long Failed { get; set; }
    }
}

/// <summary>
/// <see cref="AlertMetrics.ApiErrorRate"/> per rule from the shop's <see cref="ApiCallWindow"/> (<see cref="AlertValueQuery.ApiCalls"/>):
/// failed attempts over all attempts in the rule's window, as percent (0 with no attempt in the window, so an idle shop
/// never breaches and a shop whose failures left the window resolves). No value before the activation's first sample.
/// </summary>
public sealed class ApiErrorRateAlertValues : IAlertValueSource
{
    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, double>> GetValuesAsync(AlertValueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var rule in query.Rules.Where(r => r.MetricKey == AlertMetrics.ApiErrorRate))
        {
            if (query.ApiCalls?.ErrorRatePercent(rule.Window, query.Now) is { } rate)
            {
                values[rule.RuleId] = rate;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, double>>(values);
    }
}
