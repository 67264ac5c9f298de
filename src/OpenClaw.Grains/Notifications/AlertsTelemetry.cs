using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// Telemetry of alert delivery (ARCHITECTURE §6): ActivitySource and Meter <c>OpenClaw.Alerts</c> (picked up by the
/// service defaults' <c>OpenClaw.*</c> wildcard). A span per delivery attempt; counters of sent, failed and dead-lettered
/// notifications tagged with the channel kind; an outbox depth gauge. Never a URL, secret or signature.
/// </summary>
public static class AlertsTelemetry
{
    /// <summary>Source and meter name.</summary>
    public const string Name = "OpenClaw.Alerts";

    /// <summary>Spans: <c>notification deliver</c>.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);
    private static long _outboxDepth;

    /// <summary>Routed notifications delivered ({notification}).</summary>
    public static readonly Counter<long> Sent = Meter.CreateCounter<long>("openclaw.alerts.notifications.sent", "{notification}", "Notifications delivered to a channel");

    /// <summary>Failed delivery attempts ({notification}).</summary>
    public static readonly Counter<long> Failed = Meter.CreateCounter<long>("openclaw.alerts.notifications.failed", "{notification}", "Failed delivery attempts (retried later)");

    /// <summary>Notifications moved to the dead-letter list ({notification}).</summary>
    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("openclaw.alerts.notifications.dead_lettered", "{notification}", "Notifications that ran out of attempts");

    static AlertsTelemetry() =>
        Meter.CreateObservableGauge("openclaw.alerts.outbox.depth", () => Interlocked.Read(ref _outboxDepth), "{notification}",
            "Notifications waiting or in flight in the outbox (last sample of this silo)");

    /// <summary>Records the latest outbox depth sample.</summary>
    public static void ReportDepth(long depth) => Interlocked.Exchange(ref _outboxDepth, depth);
}
