using Microsoft.Extensions.Logging;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Tokens;
using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.Grains.Shops;

// What failures and token changes do to the shop: status, events, persistence.
public sealed partial class ShopGrain
{
    private async Task OnCallFailedAsync(SyncCursor cursor, SyncKind kind, TikTokShopError error)
    {
        var now = time.GetUtcNow();
        LogCallFailed(ShopId, cursor.Domain, kind, error.Entry.Key, error.HttpStatus);
        switch (error.Entry.Reaction)
        {
            case OpenClawReaction.NarrowTimeWindow when kind != SyncKind.Targeted && cursor.Narrow(kind):
                return; // retried at once with the first half of the window (12052180)
            case OpenClawReaction.MarkShopDeactivated:
                await SetStatusAsync(ShopStatus.Deactivated, error.Entry.Key, new ShopEvent(ShopEventKind.ShopDeactivated, now, ErrorCode: error.Code));
                break;
            case OpenClawReaction.CheckShopBinding:
                // 101000: the access token is not accepted (revoked, or bound to another shop). One forced refresh
                // tells which: a revoked authorization answers 36004005 and the shop needs re-authorization now,
                // within this sync cycle, instead of failing until the token would have expired.
                try
                {
                    await Tokens.OnAccessTokenRejectedAsync();
                }
                catch (TokenUnavailableException ex)
                {
                    await OnTokenUnavailableAsync(ex);
                }

                break;
            case OpenClawReaction.RefreshTokenAndRetryOnce or OpenClawReaction.Reauthorize when Tokens.Status == TokenStatus.NeedsReauthorization:
                await SetStatusAsync(ShopStatus.NeedsReauthorization, Tokens.State.LastErrorKey ?? error.Entry.Key, null);
                break;
        }

        // A quota pause (45101004) or a rate limit with Retry-After: no point asking again before it ends.
        var retryAt = error.Entry.Reaction == OpenClawReaction.PauseUntilNextDay
            ? error.RetryAfter ?? TimeSpan.FromHours(2)
            : error.RetryAfter;
        BackOff(cursor, cursor.Fail(error.Entry.Key + ": " + Truncate(error.Message, 200), retryAt));
    }

    private async Task OnTokenUnavailableAsync(TokenUnavailableException ex)
    {
        if (ex.Reason == TokenUnavailableReason.NeedsReauthorization)
        {
            await SetStatusAsync(ShopStatus.NeedsReauthorization, ex.ErrorKey ?? "reauthorize", null);
        }
        else
        {
            LogTokenUnavailable(ShopId, ex.Reason, ex.RetryAt);
        }
    }

    private async Task SetStatusAsync(ShopStatus status, string reason, ShopEvent? shopEvent)
    {
        if (shop.State.Status == status)
        {
            return;
        }

        shop.State.Status = status;
        shop.State.StatusReason = reason;
        if (shopEvent is not null)
        {
            AddEvent(shopEvent);
        }

        await WriteAsync();
        LogStatusChanged(ShopId, status, reason);
    }

    private void AddEvent(ShopEvent shopEvent)
    {
        var events = shop.State.RecentEvents;
        events.Add(shopEvent);
        if (events.Count > ShopState.MaxEvents)
        {
            events.RemoveRange(0, events.Count - ShopState.MaxEvents);
        }

        SyncTelemetry.RecordEvent(shopEvent.Kind);
    }

    // After every turn: persist the tokens if a refresh changed them, turn token events into shop events and status.
    private async Task AfterTurnAsync(string tokensBefore)
    {
        var now = time.GetUtcNow();
        var changed = false;
        foreach (var tokenEvent in Tokens.TakeEvents().Concat(Tokens.CollectWarnings(now)))
        {
            AddEvent(new ShopEvent(tokenEvent.Kind switch
            {
                TokenEventKind.NeedsReauthorization => ShopEventKind.NeedsReauthorization,
                TokenEventKind.RefreshTokenExpiring => ShopEventKind.RefreshTokenExpiring,
                _ => ShopEventKind.AuthorizationExpiring,
            }, tokenEvent.At, tokenEvent.ExpiresAt, tokenEvent.ErrorCode));
            changed = true;
        }

        if (Tokens.Status == TokenStatus.NeedsReauthorization && shop.State.Status == ShopStatus.Active)
        {
            shop.State.Status = ShopStatus.NeedsReauthorization;
            shop.State.StatusReason = Tokens.State.LastErrorKey;
            LogStatusChanged(ShopId, ShopStatus.NeedsReauthorization, Tokens.State.LastErrorKey ?? "");
            changed = true;
        }

        try
        {
            if (TokenFingerprint() != tokensBefore || changed)
            {
                await tokens.WriteStateAsync();
            }

            if (changed)
            {
                await WriteAsync();
            }

            await PublishReadModelAsync(force: changed);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or Orleans.Storage.InconsistentStateException)
        {
            LogStoreFailed(ex, ShopId, null);
            DeactivateOnIdle(); // reload what is really stored
        }

        await UpdateAlertConditionsAsync();
    }

    // What of the token state matters for persistence (never the token text).
    private string TokenFingerprint()
    {
        var s = tokens.State;
        return $"{s.Status}|{s.AccessTokenExpiresAt:O}|{s.ProtectedAccessToken?.Length}|{s.ConsecutiveFailures}|{s.NextAttemptAt:O}|{s.RefreshExpiryWarnedFor:O}|{s.AuthorizationExpiryWarnedFor:O}|{s.AuthorizationExpiresAt:O}|{s.LastRefreshedAt:O}";
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shop {ShopId} {Domain} {Kind} sync call failed: {ErrorKey} (HTTP {HttpStatus})")]
    private partial void LogCallFailed(string shopId, SyncDomain domain, SyncKind kind, string errorKey, int? httpStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shop {ShopId} status is now {Status} ({Reason})")]
    private partial void LogStatusChanged(string shopId, ShopStatus status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shop {ShopId} has no usable access token ({Reason}); next attempt at {RetryAt}")]
    private partial void LogTokenUnavailable(string shopId, TokenUnavailableReason reason, DateTimeOffset? retryAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shop {ShopId} {Domain} waits for the rate budget ({Reason}) until {RetryAt}")]
    private partial void LogBudgetPaused(string shopId, SyncDomain domain, OpenClaw.TikTokShop.Resilience.RateBudgetPauseReason reason, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shop {ShopId} could not write to the store ({Domain}); the page will be fetched again")]
    private partial void LogStoreFailed(Exception exception, string shopId, SyncDomain? domain);
}
