using System.Diagnostics;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Sync.Fetchers;
using OpenClaw.Grains.Tokens;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.Grains.Shops;

// The sync turn: token upkeep, then targeted fetches, due incremental windows, and backfill with what is left.
public sealed partial class ShopGrain
{
    private static readonly SyncDomain[] Windowed = [SyncDomain.Orders, SyncDomain.Returns, SyncDomain.Cancellations, SyncDomain.Packages, SyncDomain.Products];
    private static readonly SyncDomain[] Unwindowed = [SyncDomain.Warehouses, SyncDomain.Performance];

    private readonly PollingProfile _profile = new();
    private DateTimeOffset _turnEndsAt;

    // The products page a turn stopped inside (memory only: a new activation searches again).
    private HeldProductPage? _heldProducts;
    private IGrainTimer? _timer;
    private bool _timerIdle = true;

    private bool IsSyncing => shop.State.Status == ShopStatus.Active && !string.IsNullOrEmpty(shop.State.Cipher)
        && tokens.State.Status == TokenStatus.Valid;

    private void BeginSync(DateTimeOffset now)
    {
        foreach (var domain in Windowed)
        {
            var history = domain == SyncDomain.Products ? syncOptions.Value.ProductBackfill : syncOptions.Value.InitialBackfill;
            Cursor(domain).Begin(now, history > TimeSpan.Zero ? now - history : null);
        }

        foreach (var domain in Unwindowed)
        {
            Cursor(domain).Begin(now, null);
        }
    }

    private SyncCursor Cursor(SyncDomain domain) => new(domain, sync.State.CursorOf(domain), syncOptions.Value);

    private void EnsureConnected()
    {
        if (shop.State.Status is ShopStatus.NotConnected or ShopStatus.Disconnected)
        {
            throw new InvalidOperationException($"shop {ShopId} is not connected");
        }
    }

    private void ArmTimer(TimeSpan due)
    {
        _timerIdle = false;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(TurnAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void ArmTimerIfIdle()
    {
        if (_timer is null || _timerIdle)
        {
            ArmTimer(TimeSpan.Zero);
        }
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
        _timerIdle = true;
    }

    // One timer turn. Never throws: a failure is recorded on the cursor and the timer is re-armed.
    private async Task TurnAsync(CancellationToken cancellationToken)
    {
        _timerIdle = true;
        if (!IsSyncing)
        {
            return;
        }

        using var activity = SyncTelemetry.Source.StartActivity("sync turn");
        activity?.SetTag(SyncTelemetry.ShopIdTag, ShopId);
        var before = TokenFingerprint();
        var pages = 0;
        _turnEndsAt = services.RealTime.GetUtcNow() + syncOptions.Value.TurnBudget;
        _turnRunning = true;
        try
        {
            var now = time.GetUtcNow();
            if (Tokens.IsRefreshDue(now))
            {
                await Tokens.GetAccessTokenAsync(cancellationToken);
            }

            await MaintainMetricsAsync();
            pages += await RunTargetedAsync(syncOptions.Value.PagesPerTurn, cancellationToken);
            foreach (var domain in Unwindowed)
            {
                if (pages < syncOptions.Value.PagesPerTurn && !IsBackingOff(domain) && Cursor(domain).IsDue(time.GetUtcNow()))
                {
                    pages += await RunFullAsync(domain, cancellationToken);
                }
            }

            foreach (var domain in Windowed)
            {
                pages += await RunWindowAsync(domain, SyncKind.Incremental, syncOptions.Value.PagesPerTurn - pages, cancellationToken);
            }

            await RunTrackingAsync(due: true, cancellationToken);
            foreach (var domain in Windowed)
            {
                pages += await RunWindowAsync(domain, SyncKind.Backfill, syncOptions.Value.PagesPerTurn - pages, cancellationToken);
            }

            await RunTrackingAsync(due: false, cancellationToken);
        }
        catch (TokenUnavailableException ex)
        {
            await OnTokenUnavailableAsync(ex);
        }
        finally
        {
            await AfterTurnAsync(before);
            activity?.SetTag(SyncTelemetry.PagesTag, pages);
            services.Pacer.Report(_profile.ToProfile(ShopId, services.RealTime.GetUtcNow(), ScheduledCallsPerHour()));
            _turnRunning = false;
            ApplyPressed();
            if (IsSyncing)
            {
                ArmTimer(NextTurnDelay());
            }
        }
    }

    private async Task<int> RunWindowAsync(SyncDomain domain, SyncKind kind, int maxPages, CancellationToken cancellationToken)
    {
        var cursor = Cursor(domain);
        var pages = 0;
        while (pages < maxPages && IsSyncing && services.RealTime.GetUtcNow() < _turnEndsAt)
        {
            var now = time.GetUtcNow();
            if (IsBackingOff(cursor.Domain, kind) || (kind == SyncKind.Incremental && !cursor.IsDue(now)))
            {
                break;
            }

            var window = kind == SyncKind.Incremental ? cursor.NextIncremental(now) : cursor.NextBackfill();
            if (window is null)
            {
                if (kind == SyncKind.Incremental)
                {
                    cursor.CaughtUp(now, Interval(domain)); // the window would be empty
                }

                break;
            }

            pages++;
            if (!await FetchPageAsync(cursor, kind, window, cancellationToken))
            {
                break;
            }
        }

        return pages;
    }

    // Fetches, stores and checkpoints one page; false when it failed (the cursor then backs off).
    private async Task<bool> FetchPageAsync(SyncCursor cursor, SyncKind kind, SyncWindow window, CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.StartPage(ShopId, cursor.Domain, kind, window);
        var fetcher = WindowedFetchers.All[cursor.Domain];
        try
        {
            var page = await fetcher.FetchAsync(await FetchContextAsync(kind, cancellationToken), window, cancellationToken);
            if (cursor.Domain == SyncDomain.Products)
            {
                _heldProducts = null;
            }

            var result = await UpsertAndWatchAsync(page.Versions, kind);
            await ApplyMetricsAsync(page.Versions);
            var now = time.GetUtcNow();

            var lagBefore = cursor.LagSeconds(now);
            cursor.CompletePage(kind, page.NextPageToken, result.Written, now, Interval(cursor.Domain));
            sync.State.CountCalls(page.Calls, now);
            await sync.WriteStateAsync(CancellationToken.None);
            SyncTelemetry.RecordPage(cursor.Domain, kind, page.Calls, result, activity);
            if (kind == SyncKind.Incremental)
            {
                _profile.Record(page.Calls, result.Written, completedWindow: cursor.State.Window is null);
            }

            if (kind == SyncKind.Incremental && cursor.State.Window is null && lagBefore is { } lag)
            {
                SyncTelemetry.RecordLag(cursor.Domain, lag);
            }

            return true;
        }
        catch (PartialPageException partial)
        {
            // Store what the page got before a detail call failed; the cursor keeps its page token (no CompletePage).
            _heldProducts = partial.Held;
            await UpsertAndWatchAsync(partial.Versions, kind);
            await ApplyMetricsAsync(partial.Versions);
            sync.State.CountCalls(partial.Calls, time.GetUtcNow());
            await OnFetchFailedAsync(cursor, kind, partial.InnerException!, activity);

            await sync.WriteStateAsync(CancellationToken.None);
            return false;
        }
        catch (Exception ex) when (ex is TikTokShopException or RateBudgetPausedException)
        {
            await OnFetchFailedAsync(cursor, kind, ex, activity);
            return false;
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or Orleans.Storage.InconsistentStateException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            BackOff(cursor, cursor.Fail("store: " + ex.GetType().Name));
            LogStoreFailed(ex, ShopId, cursor.Domain);
            if (ex is Orleans.Storage.InconsistentStateException)
            {
                DeactivateOnIdle(); // a stale etag fails every later write: reload what is stored
            }
            return false;
        }
    }

    // A call of a page or full run failed (the catalogue's reaction) or the budget refused it (not a failure: a pause).
    private async Task OnFetchFailedAsync(SyncCursor cursor, SyncKind kind, Exception ex, Activity? activity)
    {
        if (ex is TikTokShopException failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failed.Error.Entry.Key);
            await OnCallFailedAsync(cursor, kind, failed.Error);
        }
        else if (ex is RateBudgetPausedException paused)
        {
            OnBudgetPaused(cursor.Domain, paused);
        }
    }

    private async Task<int> RunFullAsync(SyncDomain domain, CancellationToken cancellationToken)
    {
        var cursor = Cursor(domain);
        try
        {
            var fetch = await FetchContextAsync(SyncKind.Incremental, cancellationToken);
            var page = domain == SyncDomain.Warehouses
                ? await FullFetchers.WarehousesAsync(fetch, cancellationToken)
                : await FullFetchers.PerformanceAsync(fetch, ShopRules.DefaultTimeZone(shop.State.Region), time.GetUtcNow(), cancellationToken);
            var result = await services.Store.UpsertAsync(ShopId, page.Versions);
            await ApplyMetricsAsync(page.Versions);
            var now = time.GetUtcNow();
            cursor.CompleteFullRun(result.Written, now, Interval(domain), TokenSchedule.JitterUnit(ShopId));
            sync.State.CountCalls(page.Calls, now);
        }
        catch (Exception ex) when (ex is TikTokShopException or RateBudgetPausedException)
        {
            await OnFetchFailedAsync(cursor, SyncKind.Incremental, ex, activity: null);
        }

        await sync.WriteStateAsync(CancellationToken.None);
        return 1;
    }

    private async Task<DomainFetch> FetchContextAsync(SyncKind kind, CancellationToken cancellationToken)
    {
        var access = new ShopAccess(ShopId, shop.State.Cipher, await Tokens.GetAccessTokenAsync(cancellationToken));
        var options = new CallOptions
        {
            Priority = kind switch { SyncKind.Targeted => CallPriority.Webhook, SyncKind.Backfill => CallPriority.Backfill, _ => CallPriority.Incremental },
            OnFailure = FailedCallRecorder(),

            // 105002 mid-sync: one refresh (shared with every other caller), one retry (issue 9, contract §4).
            RefreshAccessToken = async ct =>
            {
                try
                {
                    return await Tokens.OnAccessTokenRejectedAsync(access.AccessToken, ct);
                }
                catch (TokenUnavailableException)
                {
                    return null;
                }
            },
        };
        return new DomainFetch(services.Client, access, options, services.Store, services.Tracking,
            Held: _heldProducts);
    }
}
