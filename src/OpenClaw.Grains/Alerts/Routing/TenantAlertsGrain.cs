using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenClaw.Grains.Notifications;

namespace OpenClaw.Grains.Alerts.Routing;

/// <summary>
/// A tenant's alert router (issue 11), keyed by tenant id: receives the shops' alert changes, groups them with
/// <see cref="AlertRouter"/> (Alertmanager's dispatcher), and on a grain timer at the next group flush queues the
/// routed notifications in the durable <see cref="NotificationOutbox"/>, which every silo's sender delivers. It also
/// owns the tenant's rules, routing and silences (<c>TenantAlertsGrain.Config.cs</c>). The router's groups are
/// persisted (<c>alert-router</c>); while any exist a reminder brings the grain back after a restart.
/// A flush enqueues before it persists: a crash in between sends a group again rather than never.
/// </summary>
public sealed partial class TenantAlertsGrain(
    [PersistentState("alert-config", "Default")] IPersistentState<TenantAlertsConfigState> config,
    [PersistentState("alert-router", "Default")] IPersistentState<AlertRouterState> routerState,
    TimeProvider time,
    ILogger<TenantAlertsGrain> logger) : Grain, ITenantAlertsGrain, IRemindable
{
    /// <summary>Reminder that reactivates a tenant with groups waiting to flush.</summary>
    public const string FlushReminder = "alert-flush";

    private AlertRouter? _router;
    private IGrainTimer? _flushTimer;
    private bool _reminderRegistered;

    private string TenantId => this.GetPrimaryKeyString();

    // Optional: a silo without notifications (some tests) still routes, it just has no channels to send to.
    private INotificationChannelStore? Channels => ServiceProvider.GetService<INotificationChannelStore>();

    private AlertRouter Router => _router ??= new AlertRouter(TenantId, new AlertRoutingPolicy([], [], [], []), routerState.State, time);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _reminderRegistered = routerState.State.Groups.Count > 0;
        await RefreshPolicyAsync();
        ArmFlush();
    }

    /// <inheritdoc />
    public async Task ReceiveAsync(IReadOnlyList<AlertNotification> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        await RefreshPolicyAsync();
        foreach (var notification in notifications.Where(n => n.TenantId == TenantId))
        {
            Router.Receive(notification);
        }

        await routerState.WriteStateAsync();
        await KeepReminderAsync();

        // A group whose wait is 0 (or already over) goes out in this turn rather than through a timer's extra turn.
        if (Router.NextFlushAt is { } next && next <= time.GetUtcNow())
        {
            await FlushAsync(CancellationToken.None);
            return;
        }

        ArmFlush();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertGroupStatus>> GetGroupsAsync() =>
        Task.FromResult<IReadOnlyList<AlertGroupStatus>>([.. routerState.State.Groups.Values.OrderBy(g => g.NextFlushAt).Select(g => new AlertGroupStatus(
            g.Key, new Dictionary<string, string>(g.GroupLabels, StringComparer.Ordinal),
            [.. g.Alerts.Values.Where(a => a.Status == AlertStatus.Firing).Select(a => a.Fingerprint)],
            [.. g.Alerts.Values.Where(a => a.Status == AlertStatus.Resolved).Select(a => a.Fingerprint)], g.NextFlushAt, g.LastNotifiedAt))]);

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ArmFlush(); // the activation itself re-armed the timer; nothing else to do
        return Task.CompletedTask;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await RefreshPolicyAsync();
        var routed = Router.Flush();
        try
        {
            if (routed.Count > 0)
            {
                if (ServiceProvider.GetService<NotificationOutbox>() is not { } outbox)
                {
                    LogNoOutbox(TenantId, routed.Count);
                }
                else
                {
                    foreach (var notification in routed)
                    {
                        await outbox.EnqueueAsync(notification); // refused when already queued or delivered: idempotent
                    }
                }
            }

            await routerState.WriteStateAsync(CancellationToken.None);
            await KeepReminderAsync();
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or Orleans.Storage.InconsistentStateException)
        {
            // The router moved on in memory only: reload the stored groups and flush them again (the reminder brings the grain back).
            LogFlushFailed(TenantId, ex.GetType().Name);
            DeactivateOnIdle();
            return;
        }

        ArmFlush();
    }

    // The timer fires at the earliest group flush; no groups, no timer (and the grain may be collected).
    private void ArmFlush()
    {
        if (Router.NextFlushAt is not { } next)
        {
            _flushTimer?.Dispose();
            _flushTimer = null;
            return;
        }

        var due = next - time.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        if (_flushTimer is null)
        {
            _flushTimer = this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _flushTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task KeepReminderAsync()
    {
        var needed = routerState.State.Groups.Count > 0;
        if (needed == _reminderRegistered)
        {
            return;
        }

        if (needed)
        {
            await this.RegisterOrUpdateReminder(FlushReminder, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2));
        }
        else if (await this.GetReminder(FlushReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderRegistered = needed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {TenantId}: {Count} routed notification(s) but no notification outbox is registered (AddOpenClawNotifications)")]
    private partial void LogNoOutbox(string tenantId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: alert flush failed ({Error}); the stored groups are flushed again on reactivation")]
    private partial void LogFlushFailed(string tenantId, string error);
}
