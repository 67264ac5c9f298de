using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Tokens;
using OpenClaw.TikTokShop.Auth;

namespace OpenClaw.Grains.Shops;

/// <summary>
/// One connected TikTok shop (ARCHITECTURE §3, §5): registration and settings (<c>shop</c>), the
/// <see cref="TokenLifecycle"/> (<c>tokens</c>) and a <see cref="SyncCursor"/> per domain (<c>sync</c>), each its own
/// persisted record. Calls validate → mutate → write, then answer. Sync runs in short, non-interleaved timer turns
/// (<see cref="SyncOptions.PagesPerTurn"/> pages at most) so callers wait for at most about one page; a reminder per
/// active shop brings the grain back after a deactivation or a restart of the whole cluster.
/// </summary>
public sealed partial class ShopGrain(
    [PersistentState("shop", "Default")] IPersistentState<ShopState> shop,
    [PersistentState("tokens", "Default")] IPersistentState<TokenLifecycleState> tokens,
    [PersistentState("sync", "Default")] IPersistentState<ShopSyncState> sync,
    [PersistentState("alerts", "Default")] IPersistentState<Alerts.AlertBookState> alerts,
    IOptions<ShopGrainOptions> options,
    IOptions<SyncOptions> syncOptions,
    IOptions<TokenLifecycleOptions> tokenOptions,
    [FromKeyedServices(TikTokClock.ServiceKey)] TimeProvider time,
    ShopServices services,
    ILogger<ShopGrain> logger) : Grain, IShopGrain, IRemindable
{
    /// <summary>Name of the reminder that keeps an active shop scheduled.</summary>
    public const string ScheduleReminder = "shop-schedule";

    private TokenLifecycle? _tokens;

    private string ShopId => this.GetPrimaryKeyString();

    private TokenLifecycle Tokens => _tokens ??= new TokenLifecycle(ShopId, tokens.State,
        TokenLifecycle.CreateProtector(services.DataProtection, ShopId), services.Refresher, time, tokenOptions.Value) { RefreshCallOptions = RefreshCallOptions };

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsSyncing)
        {
            // Spread the first turns of many shops activated together (a silo start) over a second.
            ArmTimer(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 1000)));
        }

        StartAlertTimer();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ShopSnapshot> ConnectAsync(ShopRegistration registration)
    {
        ShopRules.Validate(registration);
        var state = shop.State;
        if (state.TenantId.Length > 0 && state.Status != ShopStatus.Disconnected
            && !string.Equals(state.TenantId, registration.TenantId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"shop {ShopId} is connected to another tenant");
        }

        var region = registration.Region.ToUpperInvariant();
        if (state.Status is ShopStatus.NotConnected or ShopStatus.Disconnected)
        {
            state.TimeZone = ShopRules.DefaultTimeZone(region);
        }

        if (state.Status != ShopStatus.Paused)
        {
            state.Status = ShopStatus.Active;
            state.StatusReason = null;
        }

        state.TenantId = registration.TenantId;
        state.ShopName = registration.ShopName.Trim();
        state.Region = region;
        state.Cipher = registration.Cipher ?? state.Cipher;
        state.SellerType = registration.SellerType ?? state.SellerType;
        var now = time.GetUtcNow();
        state.ConnectedAt ??= now;
        if (registration.Tokens is { } issued)
        {
            Tokens.InstallGrant(new TokenGrant(issued.AccessToken, issued.AccessTokenExpiresAt, issued.RefreshToken,
                issued.RefreshTokenExpiresAt, GrantedScopes: issued.GrantedScopes));
            await tokens.WriteStateAsync();
            BeginSync(now);
            await sync.WriteStateAsync();
        }

        await WriteAsync();
        // The API lists and authorizes from the read model: a connected shop is there before this call returns.
        await PublishReadModelAsync(force: true);
        await this.RegisterOrUpdateReminder(ScheduleReminder, options.Value.ReminderDueTime, options.Value.ReminderPeriod);
        if (IsSyncing)
        {
            ArmTimer(TimeSpan.Zero);
        }

        StartAlertTimer();
        await UpdateAlertConditionsAsync(); // a new grant clears "needs re-authorization"
        LogConnected(ShopId, region, registration.Tokens is not null);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<ShopSnapshot> UpdateSettingsAsync(ShopSettings settings)
    {
        var normalised = ShopRules.Normalise(settings);
        var state = shop.State;
        if (state.Status is ShopStatus.NotConnected or ShopStatus.Disconnected)
        {
            throw new InvalidOperationException($"shop {ShopId} is not connected");
        }

        state.TimeZone = normalised.TimeZone;
        state.Tags = [.. normalised.Tags];
        state.WarehouseNames = normalised.WarehouseNames is { } names ? new(names, StringComparer.Ordinal) : state.WarehouseNames;
        state.SyncIntervals = normalised.SyncIntervals is { } intervals ? new(intervals) : state.SyncIntervals;
        if (normalised.Paused && state.Status == ShopStatus.Active)
        {
            state.Status = ShopStatus.Paused;
            state.StatusReason = "paused by operator";
        }
        else if (!normalised.Paused && state.Status == ShopStatus.Paused)
        {
            state.Status = ShopStatus.Active;
            state.StatusReason = null;
            ArmTimer(TimeSpan.Zero);
        }

        await WriteAsync();
        await PublishReadModelAsync(force: true);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<SettingsUpdate> UpdateSettingsIfAsync(ShopSettings settings, long expectedRevision) =>
        shop.State.Revision == expectedRevision ? new SettingsUpdate(true, await UpdateSettingsAsync(settings)) : new SettingsUpdate(false, Snapshot());

    /// <inheritdoc />
    public Task<ShopSnapshot> GetAsync() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task<ShopSnapshot> DisconnectAsync()
    {
        if (shop.State.Status is ShopStatus.NotConnected or ShopStatus.Disconnected)
        {
            return Snapshot();
        }

        shop.State.Status = ShopStatus.Disconnected;
        shop.State.StatusReason = "disconnected by tenant";
        await WriteAsync();

        // The tokens go with the connection: a disconnected shop keeps its data, not its access to TikTok.
        await tokens.ClearStateAsync();
        _tokens = null;
        StopTimer();
        if (await this.GetReminder(ScheduleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await PublishReadModelAsync(force: true);
        await UpdateAlertConditionsAsync();
        StopAlertTimer();
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ScheduleReminder)
        {
            return;
        }

        if (shop.State.Status is ShopStatus.NotConnected or ShopStatus.Disconnected)
        {
            // A reminder left behind (e.g. the write that disconnected raced a restart): stop it.
            if (await this.GetReminder(ScheduleReminder) is { } stale)
            {
                await this.UnregisterReminder(stale);
            }

            return;
        }

        // The reminder's job is to keep the shop activated; the sync timer does the work.
        shop.State.LastReminderAt = time.GetUtcNow();
        await SaveAsync();
        if (IsSyncing)
        {
            ArmTimerIfIdle();
        }
    }

    private Task WriteAsync()
    {
        shop.State.Revision++;
        return SaveAsync();
    }

    private async Task SaveAsync()
    {
        try
        {
            await shop.WriteStateAsync();
        }
        catch
        {
            // The change is in memory but maybe not in Redis (store down, timeout, etag conflict): drop this
            // activation so the next call reads what is really stored instead of answering with an unsaved state.
            DeactivateOnIdle();
            throw;
        }
    }

    private ShopSnapshot Snapshot()
    {
        var s = shop.State;
        return new ShopSnapshot(
            ShopId, s.TenantId, s.ShopName, s.Region, s.Status,
            new ShopSettings(s.TimeZone, s.Tags.ToArray(), s.Status == ShopStatus.Paused,
                new Dictionary<string, string>(s.WarehouseNames, StringComparer.Ordinal), new Dictionary<SyncDomain, TimeSpan>(s.SyncIntervals)),
            s.Revision, s.ConnectedAt, s.LastReminderAt, RuntimeIdentity, s.SellerType, s.StatusReason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shop {ShopId} connected in region {Region} (tokens installed: {WithTokens})")]
    private partial void LogConnected(string shopId, string region, bool withTokens);
}
