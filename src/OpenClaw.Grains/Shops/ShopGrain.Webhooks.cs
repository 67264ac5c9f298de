using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Sync.Fetchers;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Resilience;
using OpenClaw.TikTokShop.Returns;

namespace OpenClaw.Grains.Shops;

// Webhook-triggered targeted fetches (issue 9: above incremental and backfill) and the other webhook reactions.
public sealed partial class ShopGrain
{
    /// <inheritdoc />
    public async Task HandleWebhookAsync(ShopWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var now = time.GetUtcNow();
        SyncTelemetry.RecordWebhook(webhook.Type);
        _profile.NoteWebhook(services.RealTime.GetUtcNow());
        switch (webhook.Type)
        {
            case 6:
                // SELLER_DEAUTHORIZATION (contract §6): nothing works until the seller authorizes again.
                Tokens.MarkNeedsReauthorization("deauthorized");
                await tokens.WriteStateAsync();
                await SetStatusAsync(ShopStatus.NeedsReauthorization, "deauthorized", new ShopEvent(ShopEventKind.Deauthorized, now));
                await PublishReadModelAsync(force: true);
                await UpdateAlertConditionsAsync();
                return;
            case 7 when webhook.ExpiresAt is { } expiresAt:
                var before = TokenFingerprint();
                Tokens.NoteAuthorizationExpiry(expiresAt);
                await AfterTurnAsync(before); // persists the expiry and raises the warning when it is due
                return;
        }

        var target = webhook.Type switch
        {
            1 or 4 when webhook.OrderId is { Length: > 0 } id => new TargetedFetch(SyncDomain.Orders, id, now),
            11 when webhook.OrderId is { Length: > 0 } id => new TargetedFetch(SyncDomain.Cancellations, id, now),
            12 when webhook.OrderId is { Length: > 0 } id => new TargetedFetch(SyncDomain.Returns, id, now),
            5 or 37 when webhook.ProductId is { Length: > 0 } id => new TargetedFetch(SyncDomain.Products, id, now),
            _ => null,
        };
        if (target is null || shop.State.Status is ShopStatus.NotConnected or ShopStatus.Disconnected)
        {
            return;
        }

        var queue = sync.State.Targeted;
        if (!queue.Any(t => t.Domain == target.Domain && t.Id == target.Id))
        {
            queue.Add(target);
            if (queue.Count > ShopSyncState.MaxTargeted)
            {
                queue.RemoveRange(0, queue.Count - ShopSyncState.MaxTargeted);
            }

            await sync.WriteStateAsync(CancellationToken.None);
        }

        if (IsSyncing)
        {
            ArmTimer(TimeSpan.Zero);
        }
    }

    // Up to maxCalls targeted fetches, batched by domain; each batch is removed from the queue once stored.
    private async Task<int> RunTargetedAsync(int maxCalls, CancellationToken cancellationToken)
    {
        var calls = 0;
        while (calls < maxCalls && sync.State.Targeted.Count > 0 && IsSyncing)
        {
            var domain = sync.State.Targeted[0].Domain;
            if (IsBackingOff(domain, SyncKind.Targeted))
            {
                break;
            }

            var batch = sync.State.Targeted.Where(t => t.Domain == domain).Take(domain == SyncDomain.Products ? 1 : 50).ToList();
            var ids = batch.Select(t => t.Id).ToList();
            var cursor = Cursor(domain);
            using var activity = SyncTelemetry.StartTargeted(ShopId, domain, ids.Count);
            try
            {
                var fetch = await FetchContextAsync(SyncKind.Targeted, cancellationToken);
                var page = domain switch
                {
                    SyncDomain.Orders => await OrderFetcher.FetchByIdsAsync(fetch, ids, cancellationToken),
                    SyncDomain.Returns => await ReturnFetcher.FetchAsync(fetch, new AfterSaleSearchQuery { OrderIds = ids, PageSize = 50 }, null, cancellationToken),
                    SyncDomain.Cancellations => await CancellationFetcher.FetchAsync(fetch, new AfterSaleSearchQuery { OrderIds = ids, PageSize = 50 }, null, cancellationToken),
                    _ => new FetchedPage([await ProductFetcher.FetchDetailAsync(fetch, ids[0], cancellationToken)], null, 1),
                };
                var result = await UpsertAndWatchAsync(page.Versions, SyncKind.Targeted);
                await ApplyMetricsAsync(page.Versions);
                sync.State.CountCalls(page.Calls, time.GetUtcNow());
                SyncTelemetry.RecordPage(domain, SyncKind.Targeted, page.Calls, result, activity);
                calls += page.Calls;
            }
            catch (TikTokShopException ex) when (!ex.Error.IsRetryable)
            {
                // An id TikTok will never answer for (21008111, bad id …): drop it, the next window covers the rest.
                LogCallFailed(ShopId, domain, SyncKind.Targeted, ex.Error.Entry.Key, ex.Error.HttpStatus);
                await OnCallFailedAsync(cursor, SyncKind.Targeted, ex.Error);
                calls++;
            }
            catch (TikTokShopException ex)
            {
                await OnCallFailedAsync(cursor, SyncKind.Targeted, ex.Error);
                await sync.WriteStateAsync(CancellationToken.None);
                return calls + 1; // keep the batch; retried on a later turn
            }
            catch (RateBudgetPausedException ex)
            {
                OnBudgetPaused(domain, ex);
                return calls;
            }

            sync.State.Targeted.RemoveAll(batch.Contains);
            await sync.WriteStateAsync(CancellationToken.None);
        }

        return calls;
    }

    /// <inheritdoc />
    public async Task<ShopSyncReport> GetSyncReportAsync()
    {
        var report = Report();
        try
        {
            return report with { Budget = await services.Budget.GetUsageAsync() };
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return report; // the sync status is still worth showing
        }
    }

    private ShopSyncReport Report()
    {
        var now = time.GetUtcNow();
        var t = tokens.State;
        var token = new TokenSummary(_tokens?.Status.ToString() ?? t.Status.ToString(), t.AccessTokenExpiresAt, t.RefreshTokenExpiresAt,
            _tokens?.NextRefreshAt, t.LastRefreshedAt, t.AuthorizationExpiresAt, t.LastErrorKey);
        var domains = Enum.GetValues<SyncDomain>().Select(d => Cursor(d).Status(now)).ToList();
        var callsToday = sync.State.CallsDay == DateOnly.FromDateTime(now.UtcDateTime) ? sync.State.CallsToday : 0;
        return new ShopSyncReport(Snapshot(), token, domains, sync.State.Targeted.Count, callsToday, now, [.. shop.State.RecentEvents], PendingTracking: PendingTrackingCount);
    }

    private DateTimeOffset _readModelWrittenAt;

    // The read model is rewritten at most every few seconds while syncing, at once on status changes.
    private async Task PublishReadModelAsync(bool force)
    {
        var now = services.RealTime.GetUtcNow();
        if (!force && now - _readModelWrittenAt < ReadModels.ShopReadModel.MinInterval)
        {
            return;
        }

        _readModelWrittenAt = now;
        await services.ReadModel.WriteAsync(Report());
    }
}
