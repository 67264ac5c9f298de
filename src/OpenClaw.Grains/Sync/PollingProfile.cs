using OpenClaw.Grains.Budget;

namespace OpenClaw.Grains.Sync;

/// <summary>
/// A shop's measured polling profile for <see cref="SyncPacer"/>: calls and changes per incremental cycle (moving
/// averages over completed windows, 5 windowed domains per cycle), whether webhooks reached the shop in the last hour,
/// and the calls it makes whatever its interval (tracking of packages found final by incremental sync, per hour since
/// the profile started; warehouses and performance on their schedules). In memory only: a new activation starts from
/// neutral values.
/// </summary>
public sealed class PollingProfile
{
    /// <summary>Windowed domains polled per cycle.</summary>
    public const int DomainsPerCycle = 5;

    private const double Smoothing = 0.2;
    private double _callsPerWindow = 1;
    private double _changesPerWindow;
    private int _callsInWindow;
    private int _changesInWindow;
    private DateTimeOffset _lastWebhookAt = DateTimeOffset.MinValue;
    private DateTimeOffset _since = DateTimeOffset.MinValue;
    private int _windows;
    private long _trackingFound;

    /// <summary>Records an incremental page; <paramref name="completedWindow"/> closes the window's tallies.</summary>
    public void Record(int calls, int changes, bool completedWindow)
    {
        _callsInWindow += calls;
        _changesInWindow += changes;
        if (!completedWindow)
        {
            return;
        }

        _callsPerWindow += Smoothing * (_callsInWindow - _callsPerWindow);
        _changesPerWindow += Smoothing * (_changesInWindow - _changesPerWindow);
        _callsInWindow = 0;
        _changesInWindow = 0;
        _windows++;
    }

    /// <summary>Incremental sync found <paramref name="packages"/> more final packages whose tracking is one call each.</summary>
    public void RecordTrackingFound(long packages) => _trackingFound += Math.Max(0, packages);

    /// <summary>A webhook reached the shop at <paramref name="now"/> (real time).</summary>
    public void NoteWebhook(DateTimeOffset now) => _lastWebhookAt = now;

    /// <summary>
    /// The profile for the planner at <paramref name="now"/> (real time); <paramref name="scheduledCallsPerHour"/> are the
    /// shop's calls on fixed schedules (warehouses, performance).
    /// </summary>
    public ShopPollingProfile ToProfile(string shopId, DateTimeOffset now, double scheduledCallsPerHour = 0)
    {
        if (_since == DateTimeOffset.MinValue)
        {
            _since = now;
        }

        // Changes per hour: per-cycle changes × cycles per hour observed since the profile started.
        var hours = Math.Max((now - _since).TotalHours, 1.0 / 60);
        var cyclesPerHour = _windows / (double)DomainsPerCycle / hours;
        // Tracking per hour over at least an hour, so the first few deliveries after a start do not look like a flood.
        var trackingPerHour = _trackingFound / Math.Max((now - _since).TotalHours, 1);
        return new ShopPollingProfile(shopId, Math.Max(1, _callsPerWindow * DomainsPerCycle), _changesPerWindow * DomainsPerCycle * cyclesPerHour,
            now - _lastWebhookAt < TimeSpan.FromHours(1), trackingPerHour + Math.Max(0, scheduledCallsPerHour));
    }
}
