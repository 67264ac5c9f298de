using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpenClaw.Runtime.Telemetry;

/// <summary>The runtime's ActivitySource and Meter, both named <c>OpenClaw.Runtime</c>.</summary>
public static class RuntimeTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "OpenClaw.Runtime";

    /// <summary>Spans: remote grain calls (client and server), activations and storage operations.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Activations currently alive in this process.</summary>
    internal static readonly UpDownCounter<long> Activations = Meter.CreateUpDownCounter<long>("openclaw.runtime.activations", "{activation}", "Grain activations alive in this silo.");

    /// <summary>Grain calls executed (turns of grain methods).</summary>
    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("openclaw.runtime.calls", "{call}", "Grain calls handled.");

    /// <summary>Remote grain calls sent.</summary>
    internal static readonly Counter<long> RemoteCalls = Meter.CreateCounter<long>("openclaw.runtime.remote_calls", "{call}", "Grain calls sent to another silo.");

    /// <summary>Turn duration.</summary>
    internal static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("openclaw.runtime.turn.duration", "s", "Duration of a grain turn.");

    /// <summary>Messages waiting in activation mailboxes.</summary>
    internal static readonly UpDownCounter<long> MailboxDepth = Meter.CreateUpDownCounter<long>("openclaw.runtime.mailbox.depth", "{message}", "Calls and ticks waiting for their turn.");

    /// <summary>Storage operation latency.</summary>
    internal static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>("openclaw.runtime.storage.duration", "s", "Grain storage read/write/clear latency.");

    /// <summary>Shards acquired or released by this silo.</summary>
    internal static readonly Counter<long> ShardMoves = Meter.CreateCounter<long>("openclaw.runtime.shard.moves", "{shard}", "Shard leases acquired or released.");

    /// <summary>Seconds between two Stopwatch timestamps.</summary>
    internal static double SecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
}
