namespace OpenClaw.Grains.Sync;

/// <summary>
/// One domain's position in TikTok's data (issue 9, ARCHITECTURE §5): an <c>update_time</c> watermark, the window in
/// progress with its page token, a backfill that walks back from where incremental sync began in bounded chunks, and
/// failure backoff. Pure logic over <see cref="SyncCursorState"/> (the grain persists it after every page); times come
/// from the caller, so tests need no clock.
/// </summary>
/// <remarks>
/// Incremental and backfill split <c>update_time</c> at <see cref="SyncCursorState.IncrementalStart"/>: an entity
/// changed after it is found by an incremental window, one last changed before it by a backfill chunk, so the two
/// together miss nothing. Windows overlap by <see cref="SyncOptions.Overlap"/> and end <see cref="SyncOptions.Settle"/>
/// before now; the store's update-time check makes the overlap harmless.
/// </remarks>
public sealed class SyncCursor(SyncDomain domain, SyncCursorState state, SyncOptions options)
{
    /// <summary>The domain.</summary>
    public SyncDomain Domain { get; } = domain;

    /// <summary>The persisted state (mutated in place).</summary>
    public SyncCursorState State { get; } = state ?? throw new ArgumentNullException(nameof(state));

    private readonly SyncOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// Starts incremental sync where a window ending at <paramref name="now"/> would end (now minus the settle time) and
    /// requests history back to <paramref name="backfillFrom"/> (null: none). The watermark starts there too: what is
    /// older is the backfill's. Keeps an existing start.
    /// </summary>
    public void Begin(DateTimeOffset now, DateTimeOffset? backfillFrom)
    {
        State.IncrementalStart ??= Truncate(now - _options.Settle);
        State.Watermark ??= State.IncrementalStart;
        State.NextRunAt ??= now;
        if (backfillFrom is { } from)
        {
            ExtendBackfill(from);
        }
    }

    /// <summary>Requests history back to <paramref name="from"/>; an earlier start extends it, a later one changes nothing.</summary>
    public void ExtendBackfill(DateTimeOffset from)
    {
        var start = State.IncrementalStart ?? throw new InvalidOperationException("the cursor has not begun");
        from = Truncate(from);
        if (from >= start || (State.BackfillFrom is { } existing && existing <= from))
        {
            return;
        }

        State.BackfillFrom = from;
        State.BackfillDoneBackTo ??= start;
    }

    /// <summary>True when history is requested and not yet fully stored.</summary>
    public bool BackfillPending => State.BackfillFrom is { } from && (State.BackfillWindow is not null || State.BackfillDoneBackTo > from);

    /// <summary>True when an incremental window is in progress or due at <paramref name="now"/> (failure backoff is the caller's, in real time).</summary>
    public bool IsDue(DateTimeOffset now) => State.IncrementalStart is not null && (State.Window is not null || !(State.NextRunAt > now));

    /// <summary>
    /// The incremental window to fetch: the one in progress, else a new one from the watermark (minus the overlap) to
    /// now minus the settle time; null when that would be shorter than <see cref="SyncOptions.MinimumWindow"/>.
    /// </summary>
    public SyncWindow? NextIncremental(DateTimeOffset now)
    {
        if (State.Window is { } inProgress)
        {
            return inProgress;
        }

        var mark = State.Watermark ?? State.IncrementalStart ?? throw new InvalidOperationException("the cursor has not begun");
        var from = mark - _options.Overlap;
        var to = Truncate(now - _options.Settle);
        if (to - mark < _options.MinimumWindow)
        {
            return null;
        }

        State.Window = new SyncWindow(Truncate(from), to);
        return State.Window;
    }

    /// <summary>The backfill chunk to fetch: the one in progress, else the chunk just before what is done; null when complete.</summary>
    public SyncWindow? NextBackfill()
    {
        if (State.BackfillWindow is { } inProgress)
        {
            return inProgress;
        }

        if (State.BackfillFrom is not { } from || State.BackfillDoneBackTo is not { } doneBackTo || doneBackTo <= from)
        {
            return null;
        }

        // A chunk of zero (products with ProductBackfill 0, then an operator backfill) means the rest as one chunk.
        var chunk = _options.ChunkOf(Domain);
        var chunkStart = chunk > TimeSpan.Zero ? doneBackTo - chunk : from;
        State.BackfillWindow = new SyncWindow(chunkStart < from ? from : chunkStart, doneBackTo);
        return State.BackfillWindow;
    }

    /// <summary>
    /// Records a fetched and stored page of <paramref name="kind"/>'s window: moves the page token, or completes the
    /// window when <paramref name="nextPageToken"/> is empty (incremental: the watermark moves to its end and the next
    /// run is due <paramref name="interval"/> after the window opened, at once when that has passed; backfill: the done
    /// mark moves back to its start).
    /// </summary>
    public void CompletePage(SyncKind kind, string? nextPageToken, int upserts, DateTimeOffset now, TimeSpan interval)
    {
        var window = WindowOf(kind) ?? throw new InvalidOperationException($"no {kind} window in progress for {Domain}");
        State.Pages++;
        State.Upserts += upserts;
        State.LastError = null;
        State.ConsecutiveFailures = 0;
        if (!string.IsNullOrEmpty(nextPageToken))
        {
            SetWindow(kind, window with { PageToken = nextPageToken, Pages = window.Pages + 1 });
            return;
        }

        SetWindow(kind, null);
        if (kind == SyncKind.Backfill)
        {
            State.BackfillDoneBackTo = window.From;
            return;
        }

        State.Watermark = State.Watermark is { } mark && mark > window.To ? mark : window.To;
        State.LastSuccessAt = now;

        // One interval after the window opened (its end plus the settle time), not after it completed: a window whose
        // pages took long (budget waits, many pages) would otherwise add that time to the lag at every run, and a
        // window that took longer than the interval makes the next one due at once. Sync lag then stays within the
        // interval plus the settle time (issue 9). Never later than one interval from now.
        var opened = window.To + _options.Settle;
        State.NextRunAt = (opened < now ? opened : now) + interval;
    }

    /// <summary>
    /// TikTok refused the window as too large (product search's 10,000-result cap, 12052180): the window restarts as its
    /// first half from the first page. Returns false when it cannot shrink below <see cref="SyncOptions.MinimumWindow"/>.
    /// An incremental window keeps its earlier half (the watermark then moves to its end); a backfill chunk keeps its later
    /// half, next to what is done, because completing it moves the done mark back to its start.
    /// </summary>
    /// <remarks>
    /// An incremental window first drops its overlap (the part before the watermark, already stored once), so the narrowed
    /// window always ends after the watermark: a half ending inside the overlap would complete without moving the
    /// watermark, and the next window would be the refused one again, for ever.
    /// </remarks>
    public bool Narrow(SyncKind kind)
    {
        var window = WindowOf(kind) ?? throw new InvalidOperationException($"no {kind} window in progress for {Domain}");
        var from = kind == SyncKind.Incremental && State.Watermark is { } mark && mark > window.From && mark < window.To ? mark : window.From;
        var half = TimeSpan.FromSeconds(Math.Floor((window.To - from).TotalSeconds / 2));
        if (half < _options.MinimumWindow)
        {
            if (from == window.From)
            {
                return false;
            }

            SetWindow(kind, new SyncWindow(from, window.To)); // too short to halve: the overlap alone goes
            return true;
        }

        SetWindow(kind, kind == SyncKind.Backfill ? new SyncWindow(window.To - half, window.To) : new SyncWindow(from, from + half));
        return true;
    }

    /// <summary>
    /// Completes an unwindowed run (warehouses, performance): next due after <paramref name="interval"/>, except after
    /// the shop's first run, which runs again after <c>interval × (1 − phase ÷ 2)</c>: shops connected together (an
    /// agency onboarding its fleet) spread their later runs over the second half of the interval instead of all calling
    /// at once every interval (the sync bench saw 500–1,000 such calls in one hour of the quota day).
    /// </summary>
    /// <param name="upserts">Entities written.</param>
    /// <param name="now">TikTok time of completion.</param>
    /// <param name="interval">The domain's interval.</param>
    /// <param name="phase">The shop's stable number in [0, 1) (<see cref="Tokens.TokenSchedule.JitterUnit"/>); 0 keeps the interval.</param>
    public void CompleteFullRun(int upserts, DateTimeOffset now, TimeSpan interval, double phase = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(phase, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(phase, 1d);
        var first = State.LastFullRunAt is null;
        State.Pages++;
        State.Upserts += upserts;
        State.LastError = null;
        State.ConsecutiveFailures = 0;
        State.LastFullRunAt = now;
        State.LastSuccessAt = now;
        State.NextRunAt = now + (first ? interval * (1 - (phase / 2)) : interval);
    }

    /// <summary>
    /// Records a failed run and returns how long to back off: exponential from <see cref="SyncOptions.FailureBackoff"/>
    /// up to <see cref="SyncOptions.MaxBackoff"/>, or <paramref name="retryAfter"/> when longer. The window and its page
    /// token are kept, to resume there. The backoff is real time (the caller waits it), unlike the TikTok-time schedule.
    /// </summary>
    public TimeSpan Fail(string error, TimeSpan? retryAfter = null)
    {
        State.ConsecutiveFailures++;
        State.LastError = error;
        var exponent = Math.Min(State.ConsecutiveFailures - 1, 16);
        var backoff = TimeSpan.FromTicks(Math.Min(_options.FailureBackoff.Ticks * (1L << exponent), _options.MaxBackoff.Ticks));
        return retryAfter is { } later && later > backoff ? later : backoff;
    }

    /// <summary>
    /// Schedules the next incremental run when <see cref="NextIncremental"/> found nothing to fetch yet: one
    /// <paramref name="interval"/> from <paramref name="now"/>, except for a cursor that has never completed a window
    /// (a shop just connected, its first turn within the second sync began), which comes back as soon as a window of
    /// <see cref="SyncOptions.MinimumWindow"/> can be fetched. Otherwise its first success, and with it the shop's
    /// "last synced", waited a whole interval (up to 15 minutes for products), depending on a sub-second race.
    /// </summary>
    public void CaughtUp(DateTimeOffset now, TimeSpan interval)
    {
        var mark = State.Watermark ?? State.IncrementalStart ?? throw new InvalidOperationException("the cursor has not begun");
        var firstWindowAt = mark + _options.MinimumWindow + _options.Settle;
        State.NextRunAt = State.LastSuccessAt is null && firstWindowAt < now + interval ? firstWindowAt : now + interval;
    }

    /// <summary>Makes the domain due now (operator "sync now", or a webhook hinting that data changed).</summary>
    public void MakeDue(DateTimeOffset now) => State.NextRunAt = now;

    /// <summary>Seconds between <paramref name="now"/> and the watermark (which starts where incremental sync began); null before <see cref="Begin"/>.</summary>
    public double? LagSeconds(DateTimeOffset now) => State.Watermark is { } mark ? Math.Max(0, (now - mark).TotalSeconds) : null;

    /// <summary>
    /// The read-model view. Unwindowed domains (warehouses, performance) report their last full run as the watermark:
    /// they begin like the others (which sets a watermark) but never complete a window.
    /// </summary>
    public DomainSyncStatus Status(DateTimeOffset now) => new(
        Domain, State.LastFullRunAt ?? State.Watermark, State.LastFullRunAt is { } full ? Math.Max(0, (now - full).TotalSeconds) : LagSeconds(now),
        State.Window is not null || State.BackfillWindow is not null, State.BackfillFrom, State.BackfillDoneBackTo,
        State.BackfillFrom is not null && !BackfillPending, State.LastSuccessAt, State.NextRunAt, State.Pages, State.Upserts,
        State.LastError, State.ConsecutiveFailures);

    private SyncWindow? WindowOf(SyncKind kind) => kind == SyncKind.Backfill ? State.BackfillWindow : State.Window;

    private void SetWindow(SyncKind kind, SyncWindow? window)
    {
        if (kind == SyncKind.Backfill)
        {
            State.BackfillWindow = window;
        }
        else
        {
            State.Window = window;
        }
    }

    // TikTok's time filters are whole Unix seconds.
    private static DateTimeOffset Truncate(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());
}
