using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenClaw.Grains.Shops;

/// <summary>
/// One connected TikTok shop (ARCHITECTURE §5). This first version owns the shop's registration, settings and
/// schedule: validate → mutate → <c>WriteStateAsync</c>, then answer. A reminder per active shop brings the
/// grain back after deactivation or a restart of the whole cluster.
/// </summary>
public sealed partial class ShopGrain(
    [PersistentState("shop", "Default")] IPersistentState<ShopState> shop,
    IOptions<ShopGrainOptions> options,
    TimeProvider time,
    ILogger<ShopGrain> logger) : Grain, IShopGrain, IRemindable
{
    /// <summary>Name of the reminder that keeps an active shop scheduled.</summary>
    public const string ScheduleReminder = "shop-schedule";

    private string ShopId => this.GetPrimaryKeyString();

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
            state.Status = ShopStatus.Active;
        }

        state.TenantId = registration.TenantId;
        state.ShopName = registration.ShopName.Trim();
        state.Region = region;
        state.ConnectedAt ??= time.GetUtcNow();
        await WriteAsync();
        await this.RegisterOrUpdateReminder(ScheduleReminder, options.Value.ReminderDueTime, options.Value.ReminderPeriod);
        LogConnected(ShopId, region);
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
        state.Status = normalised.Paused ? ShopStatus.Paused : ShopStatus.Active;
        await WriteAsync();
        return Snapshot();
    }

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
        await WriteAsync();
        if (await this.GetReminder(ScheduleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

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

        // The sync and token work of later issues hangs off this tick; for now it proves the shop is scheduled.
        shop.State.LastReminderAt = time.GetUtcNow();
        await SaveAsync();
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
            new ShopSettings(s.TimeZone, s.Tags.ToArray(), s.Status == ShopStatus.Paused),
            s.Revision, s.ConnectedAt, s.LastReminderAt, RuntimeIdentity);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shop {ShopId} connected in region {Region}")]
    private partial void LogConnected(string shopId, string region);
}
