using Microsoft.Extensions.Time.Testing;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Tokens;

namespace OpenClaw.Grains.Tests.Sync;

public sealed class SyncCursorTests
{
    // 2026-01-01T00:00:00Z; "now" in most tests is 0.7 s later, so whole-second truncation is visible.
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
    private static readonly DateTimeOffset Now0 = T.AddMilliseconds(700);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);

    private static SyncCursor Cursor(SyncDomain domain = SyncDomain.Orders, SyncOptions? options = null) =>
        new(domain, new SyncCursorState(), options ?? new SyncOptions());

    private static SyncCursor Begun(SyncDomain domain = SyncDomain.Orders, SyncOptions? options = null, DateTimeOffset? backfillFrom = null)
    {
        var cursor = Cursor(domain, options);
        cursor.Begin(Now0, backfillFrom);
        return cursor;
    }

    // Fetches and completes every page of the next incremental window at `now`; returns it.
    private static SyncWindow CompleteIncremental(SyncCursor cursor, DateTimeOffset now)
    {
        var window = cursor.NextIncremental(now) ?? throw new InvalidOperationException("no window due");
        cursor.CompletePage(SyncKind.Incremental, null, 1, now, Interval);
        return window;
    }

    // ----- Begin -----

    [Fact]
    public void Begin_FreshCursor_StartsSettleBeforeNowInWholeSecondsWithWatermarkThere()
    {
        var cursor = Begun();

        Assert.Equal(T.AddSeconds(-15), cursor.State.IncrementalStart);
        Assert.Equal(T.AddSeconds(-15), cursor.State.Watermark);
        Assert.Equal(Now0, cursor.State.NextRunAt);
        Assert.Null(cursor.State.BackfillFrom);
        Assert.Null(cursor.State.BackfillDoneBackTo);
        Assert.False(cursor.BackfillPending);
    }

    [Fact]
    public void Begin_Again_KeepsStartWatermarkAndSchedule()
    {
        var cursor = Begun();
        var first = CompleteIncremental(cursor, Now0.AddMinutes(5));
        var nextRun = cursor.State.NextRunAt;

        cursor.Begin(Now0.AddHours(1), null);

        Assert.Equal(T.AddSeconds(-15), cursor.State.IncrementalStart);
        Assert.Equal(first.To, cursor.State.Watermark);
        Assert.Equal(nextRun, cursor.State.NextRunAt);
    }

    [Fact]
    public void Begin_WithHistory_RequestsBackfillFromThereInWholeSecondsDoneBackToIncrementalStart()
    {
        var cursor = Begun(backfillFrom: Now0.AddDays(-30));

        Assert.Equal(T.AddDays(-30), cursor.State.BackfillFrom);
        Assert.Equal(cursor.State.IncrementalStart, cursor.State.BackfillDoneBackTo);
        Assert.True(cursor.BackfillPending);
    }

    [Fact]
    public void Begin_HistoryStartAfterIncrementalStart_RequestsNoBackfill()
    {
        var cursor = Begun(backfillFrom: Now0.AddSeconds(-5));

        Assert.Null(cursor.State.BackfillFrom);
        Assert.False(cursor.BackfillPending);
        Assert.Null(cursor.NextBackfill());
    }

    // ----- Incremental windows -----

    [Fact]
    public void NextIncremental_BeforeBegin_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Cursor().NextIncremental(Now0));

    [Fact]
    public void NextIncremental_FirstWindow_StartsOverlapBeforeWatermarkAndEndsSettleBeforeNowInWholeSeconds()
    {
        var cursor = Begun();

        var window = cursor.NextIncremental(Now0.AddMinutes(5));

        Assert.NotNull(window);
        Assert.Equal(T.AddSeconds(-15) - TimeSpan.FromMinutes(2), window.From);
        Assert.Equal(T.AddSeconds(300 - 15), window.To); // now = T + 300.7 s
        Assert.Null(window.PageToken);
        Assert.Equal(0, window.Pages);
        Assert.Equal(window, cursor.State.Window);
    }

    [Fact]
    public void NextIncremental_AtBeginInstant_NothingNewToFetch_ReturnsNull()
    {
        var cursor = Begun();

        Assert.Null(cursor.NextIncremental(Now0));
        Assert.Null(cursor.State.Window);
    }

    [Fact]
    public void NextIncremental_ShorterThanMinimumWindowPastWatermark_ReturnsNullUntilItIsLongEnough()
    {
        var cursor = Begun(options: new SyncOptions { MinimumWindow = TimeSpan.FromMinutes(1) });

        // Watermark T-15 s; window end = now - 15 s truncated. T+59.9 s → end T+44 s: 59 s past the watermark.
        Assert.Null(cursor.NextIncremental(T.AddMilliseconds(59_900)));
        Assert.Null(cursor.State.Window);

        var window = cursor.NextIncremental(T.AddSeconds(60));
        Assert.NotNull(window);
        Assert.Equal(T.AddSeconds(45), window.To);
    }

    [Fact]
    public void NextIncremental_WindowInProgress_ReturnedAgainWithCheckpointedPageToken()
    {
        var cursor = Begun();
        var window = cursor.NextIncremental(Now0.AddMinutes(5))!;

        cursor.CompletePage(SyncKind.Incremental, "page-2", 40, Now0.AddMinutes(5).AddSeconds(1), Interval);
        var again = cursor.NextIncremental(Now0.AddMinutes(30));
        cursor.CompletePage(SyncKind.Incremental, "page-3", 2, Now0.AddMinutes(30), Interval);
        var third = cursor.NextIncremental(Now0.AddMinutes(31));

        Assert.Equal(window with { PageToken = "page-2", Pages = 1 }, again);
        Assert.Equal(window with { PageToken = "page-3", Pages = 2 }, third);
        Assert.Equal(2, cursor.State.Pages);
        Assert.Equal(42, cursor.State.Upserts);
        // Not complete yet: the watermark and the schedule have not moved.
        Assert.Equal(T.AddSeconds(-15), cursor.State.Watermark);
        Assert.Null(cursor.State.LastSuccessAt);
        Assert.Equal(Now0, cursor.State.NextRunAt);
    }

    [Fact]
    public void CaughtUp_JustBegunWithinTheSameSecond_ComesBackWhenTheFirstWindowCanBeFetchedNotAnIntervalLater()
    {
        var cursor = Begun(SyncDomain.Products);
        Assert.Null(cursor.NextIncremental(Now0)); // the shop's first turn, in the second it was connected

        cursor.CaughtUp(Now0, TimeSpan.FromMinutes(15));

        // Watermark T − 15 s, plus the minimum window (1 s) and the settle time (15 s): one second after sync began.
        Assert.Equal(T.AddSeconds(1), cursor.State.NextRunAt);
        Assert.False(cursor.IsDue(Now0));
        Assert.True(cursor.IsDue(T.AddSeconds(1)));
        Assert.Equal(new SyncWindow(T.AddSeconds(-15) - new SyncOptions().Overlap, T.AddSeconds(-14)), cursor.NextIncremental(T.AddSeconds(1)));
    }

    [Fact]
    public void CaughtUp_AfterAWindowCompleted_ComesBackOneIntervalLater()
    {
        var cursor = Begun();
        var done = Now0.AddMinutes(3);
        CompleteIncremental(cursor, done);
        cursor.MakeDue(done); // "sync now" right after the window: nothing new to fetch yet
        Assert.Null(cursor.NextIncremental(done));

        cursor.CaughtUp(done, Interval);

        Assert.Equal(done + Interval, cursor.State.NextRunAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void CompletePage_LastPage_MovesWatermarkToWindowEndAndSchedulesNextRun(string? lastToken)
    {
        var cursor = Begun();
        var window = cursor.NextIncremental(Now0.AddMinutes(5))!;
        cursor.CompletePage(SyncKind.Incremental, "page-2", 1, Now0.AddMinutes(5), Interval);
        var done = Now0.AddMinutes(6);

        cursor.CompletePage(SyncKind.Incremental, lastToken, 1, done, Interval);

        Assert.Null(cursor.State.Window);
        Assert.Equal(window.To, cursor.State.Watermark);
        Assert.Equal(done, cursor.State.LastSuccessAt);
        Assert.Equal(window.To + new SyncOptions().Settle + Interval, cursor.State.NextRunAt); // an interval after it opened
        Assert.Equal(2, cursor.State.Pages);
    }

    [Fact]
    public void CompletePage_WindowTookLongerThanTheInterval_NextWindowIsDueAtOnce_SoLagStaysWithinTheInterval()
    {
        // A window opened at +5 min whose pages waited 90 min for the budget: scheduling from its completion would
        // leave the 90 min already behind on top of the next interval (the rate bench's lagging shops).
        var cursor = Begun();
        var window = cursor.NextIncremental(Now0.AddMinutes(5))!;
        var done = Now0.AddMinutes(95);

        cursor.CompletePage(SyncKind.Incremental, null, 1, done, TimeSpan.FromMinutes(60));

        Assert.Equal(window.To.AddMinutes(60).Add(new SyncOptions().Settle), cursor.State.NextRunAt);
        Assert.True(cursor.IsDue(done));
        Assert.Equal(window.To, cursor.NextIncremental(done)!.From + new SyncOptions().Overlap);
    }

    [Fact]
    public void NextIncremental_AfterCompletion_StartsOverlapBeforeNewWatermark()
    {
        var cursor = Begun();
        var first = CompleteIncremental(cursor, Now0.AddMinutes(5));

        var second = cursor.NextIncremental(Now0.AddMinutes(7))!;

        Assert.Equal(first.To - TimeSpan.FromMinutes(2), second.From);
        Assert.Equal(T.AddSeconds(420 - 15), second.To);
    }

    [Fact]
    public void CompletePage_WindowEndingBeforeWatermark_WatermarkNeverMovesBack()
    {
        var cursor = Begun();
        var mark = cursor.State.Watermark!.Value;
        cursor.NextIncremental(T.AddSeconds(61));                          // From = mark - 120 s, To = mark + 61 s
        cursor.State.Window = cursor.State.Window! with { To = mark.AddSeconds(-30) }; // e.g. a window checkpointed by an older version

        cursor.CompletePage(SyncKind.Incremental, null, 0, T.AddSeconds(62), Interval);

        Assert.Null(cursor.State.Window);
        Assert.Equal(mark, cursor.State.Watermark);
    }

    [Theory]
    [InlineData(SyncKind.Incremental)]
    [InlineData(SyncKind.Backfill)]
    public void CompletePage_NoWindowInProgress_Throws(SyncKind kind)
    {
        var cursor = Begun(backfillFrom: Now0.AddDays(-3));

        Assert.Throws<InvalidOperationException>(() => cursor.CompletePage(kind, null, 0, Now0, Interval));
    }

    [Fact]
    public void CompletePage_AfterFailures_ClearsErrorAndFailureCount()
    {
        var cursor = Begun();
        cursor.NextIncremental(Now0.AddMinutes(5));
        cursor.Fail("rate_limited: slow down");
        cursor.Fail("rate_limited: slow down");

        cursor.CompletePage(SyncKind.Incremental, "page-2", 3, Now0.AddMinutes(8), Interval);

        Assert.Equal(0, cursor.State.ConsecutiveFailures);
        Assert.Null(cursor.State.LastError);
        Assert.Equal(TimeSpan.FromSeconds(5), cursor.Fail("again")); // the backoff starts over
    }

    // ----- Backfill -----

    [Fact]
    public void NextBackfill_WithoutBackfill_ReturnsNull() => Assert.Null(Begun().NextBackfill());

    [Fact]
    public void NextBackfill_WalksBackFromIncrementalStartInChunksDownToTheRequestedStart()
    {
        var cursor = Begun(backfillFrom: Now0.AddDays(-2.5));
        var start = T.AddSeconds(-15);
        var from = T.AddDays(-2.5);

        var windows = new List<SyncWindow>();
        while (cursor.NextBackfill() is { } window && windows.Count < 10)
        {
            Assert.True(cursor.BackfillPending);
            windows.Add(window);
            cursor.CompletePage(SyncKind.Backfill, null, 5, Now0, Interval);
        }

        Assert.Equal(
            [new SyncWindow(start.AddDays(-1), start), new SyncWindow(start.AddDays(-2), start.AddDays(-1)), new SyncWindow(from, start.AddDays(-2))],
            windows);
        Assert.Equal(from, cursor.State.BackfillDoneBackTo);
        Assert.False(cursor.BackfillPending);
        // The backfill never touches the incremental side.
        Assert.Equal(start, cursor.State.Watermark);
        Assert.Null(cursor.State.LastSuccessAt);
        Assert.Equal(Now0, cursor.State.NextRunAt);
    }

    [Fact]
    public void NextBackfill_ChunkInProgress_ReturnedAgainWithCheckpointedPageToken()
    {
        var cursor = Begun(backfillFrom: Now0.AddDays(-3));
        var chunk = cursor.NextBackfill()!;

        cursor.CompletePage(SyncKind.Backfill, "page-2", 10, Now0, Interval);

        Assert.Equal(chunk with { PageToken = "page-2", Pages = 1 }, cursor.NextBackfill());
        Assert.Equal(cursor.State.IncrementalStart, cursor.State.BackfillDoneBackTo);
    }

    [Fact]
    public void NextBackfill_Products_WholeProductBackfillIsOneWindow()
    {
        var options = new SyncOptions();
        var cursor = Begun(SyncDomain.Products, options, Now0 - options.ProductBackfill);

        var window = cursor.NextBackfill();
        cursor.CompletePage(SyncKind.Backfill, null, 300, Now0, Interval);

        Assert.Equal(new SyncWindow(T - options.ProductBackfill, T.AddSeconds(-15)), window);
        Assert.Null(cursor.NextBackfill());
        Assert.False(cursor.BackfillPending);
    }

    [Fact]
    public void NextBackfill_OrdersWithTheSameHistory_FetchBackfillChunkSizedWindows()
    {
        var options = new SyncOptions();
        var cursor = Begun(SyncDomain.Orders, options, Now0 - options.ProductBackfill);

        var window = cursor.NextBackfill()!;

        Assert.Equal(options.BackfillChunk, window.To - window.From);
    }

    [Fact]
    public void NextBackfill_ProductBackfillZeroAndOperatorBackfill_StillWalksToTheStart()
    {
        // ProductBackfill 0 is valid (no product history at connection); an operator backfill must still finish.
        var options = new SyncOptions { ProductBackfill = TimeSpan.Zero };
        var cursor = Begun(SyncDomain.Products, options);
        cursor.ExtendBackfill(Now0.AddDays(-10));

        var windows = new List<SyncWindow>();
        while (cursor.NextBackfill() is { } window && windows.Count < 50)
        {
            Assert.True(window.To > window.From, $"empty window {window}");
            windows.Add(window);
            cursor.CompletePage(SyncKind.Backfill, null, 0, Now0, Interval);
        }

        Assert.False(cursor.BackfillPending);
        Assert.Equal(T.AddDays(-10), windows[^1].From);
    }

    [Fact]
    public void ExtendBackfill_BeforeBegin_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Cursor().ExtendBackfill(Now0.AddDays(-1)));

    [Fact]
    public void ExtendBackfill_EarlierStartAfterCompletion_ExtendsFromWhereHistoryEnds()
    {
        var cursor = Begun(backfillFrom: Now0.AddDays(-1));
        cursor.NextBackfill();
        cursor.CompletePage(SyncKind.Backfill, null, 0, Now0, Interval);
        Assert.True(cursor.Status(Now0).BackfillComplete);
        var doneBackTo = cursor.State.BackfillDoneBackTo!.Value;

        cursor.ExtendBackfill(Now0.AddDays(-3));

        Assert.Equal(T.AddDays(-3), cursor.State.BackfillFrom);
        Assert.Equal(doneBackTo, cursor.State.BackfillDoneBackTo);
        Assert.True(cursor.BackfillPending);
        Assert.False(cursor.Status(Now0).BackfillComplete);
        Assert.Equal(new SyncWindow(doneBackTo.AddDays(-1), doneBackTo), cursor.NextBackfill());
    }

    [Fact]
    public void ExtendBackfill_LaterStart_IsIgnored()
    {
        var cursor = Begun(backfillFrom: Now0.AddDays(-3));
        cursor.NextBackfill();
        cursor.CompletePage(SyncKind.Backfill, null, 0, Now0, Interval);
        var doneBackTo = cursor.State.BackfillDoneBackTo;

        cursor.ExtendBackfill(Now0.AddDays(-1));
        cursor.ExtendBackfill(Now0.AddDays(-3)); // the same start again

        Assert.Equal(T.AddDays(-3), cursor.State.BackfillFrom);
        Assert.Equal(doneBackTo, cursor.State.BackfillDoneBackTo);
    }

    [Fact]
    public void ExtendBackfill_AfterIncrementalProgress_StartsAtIncrementalStartNotWatermark()
    {
        var cursor = Begun();
        CompleteIncremental(cursor, Now0.AddMinutes(30));

        cursor.ExtendBackfill(Now0.AddDays(-1));

        Assert.Equal(T.AddSeconds(-15), cursor.State.BackfillDoneBackTo);
        Assert.Equal(new SyncWindow(T.AddDays(-1), T.AddSeconds(-15)), cursor.NextBackfill());
    }

    // ----- Narrowing -----

    [Fact]
    public void Narrow_Incremental_KeepsFirstHalfInWholeSecondsAndRestartsFromFirstPage()
    {
        var cursor = Begun();
        var window = cursor.NextIncremental(T.AddSeconds(301.7))!; // T-135 s .. T+286 s: 421 s
        cursor.CompletePage(SyncKind.Incremental, "page-2", 1, Now0, Interval);

        Assert.True(cursor.Narrow(SyncKind.Incremental));

        // The overlap (T-135 s .. T-15 s, stored before) goes first; the rest, 301 s, is halved: 150 s.
        Assert.Equal(new SyncWindow(window.From.AddMinutes(2), window.From.AddMinutes(2).AddSeconds(150)), cursor.State.Window);
        Assert.Equal(cursor.State.Window, cursor.NextIncremental(T.AddSeconds(400)));
    }

    [Fact]
    public void Narrow_IncrementalThenComplete_NextWindowCoversTheRest()
    {
        var cursor = Begun();
        var window = cursor.NextIncremental(Now0.AddMinutes(30))!;
        cursor.Narrow(SyncKind.Incremental);
        var half = cursor.State.Window!;

        cursor.CompletePage(SyncKind.Incremental, null, 0, Now0.AddMinutes(30), Interval);
        var next = cursor.NextIncremental(Now0.AddMinutes(30))!;

        Assert.Equal(half.To, cursor.State.Watermark);
        Assert.True(next.From <= half.To);
        Assert.Equal(window.To, next.To);
    }

    [Fact]
    public void Narrow_Backfill_HalvesChunkAndRestartsFromFirstPage()
    {
        var cursor = Begun(backfillFrom: Now0.AddDays(-3));
        var chunk = cursor.NextBackfill()!;
        cursor.CompletePage(SyncKind.Backfill, "page-2", 1, Now0, Interval);

        Assert.True(cursor.Narrow(SyncKind.Backfill));

        var narrowed = cursor.NextBackfill()!;
        Assert.Equal(TimeSpan.FromHours(12), narrowed.To - narrowed.From);
        Assert.True(narrowed.From >= chunk.From && narrowed.To <= chunk.To);
        Assert.Null(narrowed.PageToken);
        Assert.Equal(0, narrowed.Pages);
    }

    [Fact]
    public void Narrow_ProductBackfillRepeatedly_StoresTheWholeHistoryWithoutGaps()
    {
        // Product backfill is one 1096-day window; TikTok's 10,000-result cap narrows it. Every part must still be fetched.
        var options = new SyncOptions();
        var cursor = Begun(SyncDomain.Products, options, Now0 - options.ProductBackfill);
        var start = cursor.State.IncrementalStart!.Value;
        var from = cursor.State.BackfillFrom!.Value;

        var fetched = new List<SyncWindow>();
        var narrowings = 0;
        while (cursor.NextBackfill() is { } window && fetched.Count < 100)
        {
            // Pretend anything longer than 200 days hits the cap.
            if (window.To - window.From > TimeSpan.FromDays(200))
            {
                Assert.True(cursor.Narrow(SyncKind.Backfill));
                narrowings++;
                continue;
            }

            fetched.Add(window);
            cursor.CompletePage(SyncKind.Backfill, null, 0, Now0, Interval);
        }

        Assert.True(narrowings > 0);
        Assert.False(cursor.BackfillPending);
        var covered = fetched.OrderBy(w => w.From).ToList();
        Assert.Equal(from, covered[0].From);
        Assert.Equal(start, covered[^1].To);
        for (var i = 1; i < covered.Count; i++)
        {
            Assert.True(covered[i].From <= covered[i - 1].To, $"gap between {covered[i - 1].To:O} and {covered[i].From:O}");
        }
    }

    [Fact]
    public void Narrow_BelowMinimumWindow_RefusesAndKeepsWindowAndPageToken()
    {
        var options = new SyncOptions { MinimumWindow = TimeSpan.FromMinutes(1), Overlap = TimeSpan.Zero };
        var cursor = Begun(options: options);
        // Watermark T-15 s; window to T+104 s = 119 s: half is 59 s.
        var window = cursor.NextIncremental(T.AddSeconds(119))!;
        cursor.CompletePage(SyncKind.Incremental, "page-2", 1, Now0, Interval);

        Assert.False(cursor.Narrow(SyncKind.Incremental));
        Assert.Equal(window with { PageToken = "page-2", Pages = 1 }, cursor.State.Window);
    }

    [Fact]
    public void Narrow_HalfExactlyMinimumWindow_Narrows()
    {
        var options = new SyncOptions { MinimumWindow = TimeSpan.FromMinutes(1), Overlap = TimeSpan.Zero };
        var cursor = Begun(options: options);
        var window = cursor.NextIncremental(T.AddSeconds(120))!; // 120 s

        Assert.True(cursor.Narrow(SyncKind.Incremental));
        Assert.Equal(TimeSpan.FromMinutes(1), cursor.State.Window!.To - window.From);
    }

    [Fact]
    public void Narrow_IncrementalRepeatedlyShorterThanTheOverlap_WatermarkStillAdvances()
    {
        // TikTok refuses (12052180) every window longer than half the overlap, e.g. during a burst of product changes.
        // A narrowed window must still end after the watermark: else completing it leaves the watermark where it was and
        // the same refused window comes back for ever.
        var options = new SyncOptions();
        var clock = new FakeTimeProvider(Now0);
        var cursor = Begun(options: options);
        var start = cursor.State.Watermark!.Value;
        var cap = options.Overlap / 2;
        for (var step = 0; step < 200; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            var now = clock.GetUtcNow();
            if (cursor.NextIncremental(now) is not { } window)
            {
                continue;
            }

            if (window.To - window.From > cap)
            {
                Assert.True(cursor.Narrow(SyncKind.Incremental), $"cannot narrow {window}");
                continue;
            }

            cursor.CompletePage(SyncKind.Incremental, null, 0, now, Interval);
        }

        Assert.True(cursor.State.Watermark > start + TimeSpan.FromMinutes(20), $"watermark stuck at {cursor.State.Watermark:O} (started {start:O}, now {clock.GetUtcNow():O})");
    }

    [Theory]
    [InlineData(SyncKind.Incremental)]
    [InlineData(SyncKind.Backfill)]
    public void Narrow_NoWindowInProgress_Throws(SyncKind kind) =>
        Assert.Throws<InvalidOperationException>(() => Begun(backfillFrom: Now0.AddDays(-3)).Narrow(kind));

    // ----- Failures and scheduling -----

    [Fact]
    public void Fail_Repeatedly_BacksOffExponentiallyUpToMaxBackoff()
    {
        var cursor = Begun();
        var delays = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            delays.Add(cursor.Fail("http_5xx: boom").TotalSeconds);
        }

        Assert.Equal([5, 10, 20, 40, 80, 160, 320, 600, 600, 600], delays);
        Assert.Equal(10, cursor.State.ConsecutiveFailures);
        Assert.Equal("http_5xx: boom", cursor.State.LastError);
    }

    [Fact]
    public void Fail_ManyTimes_BackoffStaysAtMaxBackoff()
    {
        var cursor = Begun();
        var last = TimeSpan.Zero;
        for (var i = 0; i < 200; i++)
        {
            last = cursor.Fail("http_5xx");
        }

        Assert.Equal(TimeSpan.FromMinutes(10), last);
    }

    [Fact]
    public void Fail_RetryAfterLongerThanBackoff_WaitsForRetryAfter()
    {
        var cursor = Begun();

        Assert.Equal(TimeSpan.FromHours(2), cursor.Fail("quota: daily limit", TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Fail_RetryAfterShorterThanBackoff_UsesBackoff()
    {
        var cursor = Begun();
        cursor.Fail("rate_limited");

        Assert.Equal(TimeSpan.FromSeconds(10), cursor.Fail("rate_limited", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Fail_WindowInProgress_KeepsWindowAndPageTokenForResume()
    {
        var cursor = Begun(backfillFrom: Now0.AddDays(-3));
        var window = cursor.NextIncremental(Now0.AddMinutes(5))!;
        cursor.CompletePage(SyncKind.Incremental, "page-2", 1, Now0.AddMinutes(5), Interval);
        var chunk = cursor.NextBackfill()!;
        cursor.CompletePage(SyncKind.Backfill, "chunk-page-2", 1, Now0.AddMinutes(5), Interval);

        cursor.Fail("http_5xx");

        Assert.Equal(window with { PageToken = "page-2", Pages = 1 }, cursor.NextIncremental(Now0.AddMinutes(20)));
        Assert.Equal(chunk with { PageToken = "chunk-page-2", Pages = 1 }, cursor.NextBackfill());
    }

    [Fact]
    public void IsDue_AfterFailure_WindowInProgressStaysDueAndScheduleUnchanged()
    {
        var cursor = Begun();
        var failedAt = Now0.AddMinutes(5);
        cursor.NextIncremental(failedAt);
        var nextRun = cursor.State.NextRunAt;
        cursor.Fail("http_5xx");

        // The backoff is the caller's (real time); the TikTok-time schedule does not move.
        Assert.Equal(nextRun, cursor.State.NextRunAt);
        Assert.True(cursor.IsDue(failedAt));
    }

    [Fact]
    public void IsDue_BeforeBegin_False()
    {
        var cursor = Cursor();

        Assert.False(cursor.IsDue(Now0));
    }

    [Fact]
    public void IsDue_AfterBeginAndAfterCompletion_FollowsInterval()
    {
        var cursor = Begun();
        Assert.True(cursor.IsDue(Now0));

        var done = Now0.AddMinutes(5);
        CompleteIncremental(cursor, done);

        // Due an interval after the window opened: its end is cut to whole seconds, so up to 1 s before done + Interval.
        Assert.False(cursor.IsDue(done));
        Assert.False(cursor.IsDue(done + Interval - TimeSpan.FromSeconds(1)));
        Assert.True(cursor.IsDue(done + Interval));
    }

    [Fact]
    public void IsDue_WindowInProgressBeforeNextRun_True()
    {
        var cursor = Begun();
        var done = Now0.AddMinutes(5);
        CompleteIncremental(cursor, done);
        cursor.NextIncremental(done.AddSeconds(30)); // started early (e.g. after "sync now")

        Assert.True(cursor.IsDue(done.AddSeconds(30)));
    }

    [Fact]
    public void MakeDue_BeforeInterval_DueNow()
    {
        var cursor = Begun();
        var done = Now0.AddMinutes(5);
        CompleteIncremental(cursor, done);

        cursor.MakeDue(done.AddSeconds(10));

        Assert.True(cursor.IsDue(done.AddSeconds(10)));
    }

    [Fact]
    public void CompleteFullRun_RecordsRunAndSchedulesNext()
    {
        var cursor = Begun(SyncDomain.Warehouses);
        cursor.Fail("http_5xx");
        var at = Now0.AddMinutes(1);

        cursor.CompleteFullRun(3, at, TimeSpan.FromHours(12));

        Assert.Equal(at, cursor.State.LastFullRunAt);
        Assert.Equal(at, cursor.State.LastSuccessAt);
        Assert.Equal(at.AddHours(12), cursor.State.NextRunAt);
        Assert.Equal(1, cursor.State.Pages);
        Assert.Equal(3, cursor.State.Upserts);
        Assert.Equal(0, cursor.State.ConsecutiveFailures);
        Assert.Null(cursor.State.LastError);
        Assert.False(cursor.IsDue(at.AddHours(12).AddSeconds(-1)));
        Assert.True(cursor.IsDue(at.AddHours(12)));
    }

    // ----- Lag and status -----

    [Fact]
    public void LagSeconds_BeforeBegin_Null() => Assert.Null(Cursor().LagSeconds(Now0));

    [Fact]
    public void LagSeconds_SecondsSinceWatermark_NeverNegative()
    {
        var cursor = Begun();
        Assert.Equal(15.7, cursor.LagSeconds(Now0)!.Value, 6);

        var window = CompleteIncremental(cursor, Now0.AddMinutes(5));

        Assert.Equal(60, cursor.LagSeconds(window.To.AddMinutes(1)));
        Assert.Equal(0, cursor.LagSeconds(window.To.AddMinutes(-1)));
    }

    [Fact]
    public void Status_IncrementalAndBackfillInProgress_ReflectsCursor()
    {
        var cursor = Begun(SyncDomain.Returns, backfillFrom: Now0.AddDays(-3));
        var done = Now0.AddMinutes(5);
        var window = CompleteIncremental(cursor, done);
        cursor.NextBackfill();
        cursor.CompletePage(SyncKind.Backfill, "p2", 7, done, Interval);
        cursor.Fail("http_5xx: boom");

        var status = cursor.Status(window.To.AddSeconds(90));

        Assert.Equal(SyncDomain.Returns, status.Domain);
        Assert.Equal(window.To, status.Watermark);
        Assert.Equal(90, status.LagSeconds);
        Assert.True(status.InProgress);
        Assert.Equal(T.AddDays(-3), status.BackfillFrom);
        Assert.Equal(T.AddSeconds(-15), status.BackfillDoneBackTo);
        Assert.False(status.BackfillComplete);
        Assert.Equal(done, status.LastSuccessAt);
        Assert.Equal(window.To + new SyncOptions().Settle + Interval, status.NextRunAt);
        Assert.Equal(2, status.Pages);
        Assert.Equal(8, status.Upserts);
        Assert.Equal("http_5xx: boom", status.LastError);
        Assert.Equal(1, status.ConsecutiveFailures);
    }

    [Fact]
    public void Status_NothingInProgressNoBackfill_NotInProgressNotComplete()
    {
        var cursor = Begun();
        CompleteIncremental(cursor, Now0.AddMinutes(5));

        var status = cursor.Status(Now0.AddMinutes(6));

        Assert.False(status.InProgress);
        Assert.Null(status.BackfillFrom);
        Assert.False(status.BackfillComplete);
    }

    [Fact]
    public void Status_BackfillDone_Complete()
    {
        var cursor = Begun(backfillFrom: Now0.AddDays(-1));
        cursor.NextBackfill();
        cursor.CompletePage(SyncKind.Backfill, null, 0, Now0, Interval);

        var status = cursor.Status(Now0);

        Assert.True(status.BackfillComplete);
        Assert.False(status.InProgress);
        Assert.Equal(T.AddDays(-1), status.BackfillDoneBackTo);
    }

    [Fact]
    public void CompleteFullRun_FirstRunOfAShop_NextComesEarlyByHalfItsPhase_LaterRunsKeepTheInterval()
    {
        var cursor = Begun(SyncDomain.Performance);
        var first = Now0.AddMinutes(1);

        cursor.CompleteFullRun(1, first, TimeSpan.FromHours(6), phase: 0.5);
        Assert.Equal(first.AddHours(4.5), cursor.State.NextRunAt); // 6 h × (1 − 0.5 ÷ 2)

        var second = first.AddHours(4.5);
        cursor.CompleteFullRun(1, second, TimeSpan.FromHours(6), phase: 0.5);
        Assert.Equal(second.AddHours(6), cursor.State.NextRunAt);
    }

    [Fact]
    public void CompleteFullRun_AFleetConnectedAtOnce_SpreadsItsSecondRunsOverTheIntervalsSecondHalf()
    {
        // 400 shops onboarded in the same minute: their second warehouse runs fall in each quarter of [6 h, 12 h] about
        // evenly (a quarter is 100 shops expected), not all at 12 h.
        var interval = TimeSpan.FromHours(12);
        var dues = Enumerable.Range(0, 400).Select(i =>
        {
            var cursor = Begun(SyncDomain.Warehouses);
            cursor.CompleteFullRun(1, Now0, interval, TokenSchedule.JitterUnit($"7495{i:D15}"));
            return (cursor.State.NextRunAt!.Value - Now0).TotalHours;
        }).ToList();

        Assert.All(dues, hours => Assert.InRange(hours, 6, 12));
        var quarters = dues.GroupBy(h => Math.Min(3, (int)((h - 6) / 1.5))).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enumerable.Range(0, 4), q => Assert.InRange(quarters.GetValueOrDefault(q), 70, 130));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void CompleteFullRun_PhaseOutsideZeroToOne_Throws(double phase) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Begun(SyncDomain.Warehouses).CompleteFullRun(1, Now0, TimeSpan.FromHours(12), phase));

    [Fact]
    public void Status_UnwindowedDomainAfterFullRun_ReportsLastFullRunAndItsAge()
    {
        // Warehouses and performance begin like every domain (that makes them due) but only ever complete full runs.
        var cursor = Begun(SyncDomain.Warehouses);
        var ranAt = Now0.AddDays(20);
        cursor.CompleteFullRun(2, ranAt, TimeSpan.FromHours(12));

        var status = cursor.Status(ranAt.AddHours(1));

        Assert.Equal(ranAt, status.Watermark);
        Assert.Equal(3600, status.LagSeconds);
    }

    [Fact]
    public void Status_BeforeBegin_NoWatermarkNoLag()
    {
        var status = Cursor().Status(Now0);

        Assert.Null(status.Watermark);
        Assert.Null(status.LagSeconds);
        Assert.False(status.InProgress);
    }
}
