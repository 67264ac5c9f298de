using System.Diagnostics.Metrics;

namespace OpenClaw.Grains.Metrics;

/// <summary>
/// The "OpenClaw.Metrics" meter (ARCHITECTURE §6; exported through ServiceDefaults' <c>OpenClaw.*</c> meters): bucket
/// writes, groups recomputed and changed, ledger entries swept, time-zone rebuilds. No tags with ids.
/// </summary>
public static class MetricsTelemetry
{
    /// <summary>Meter name.</summary>
    public const string Name = "OpenClaw.Metrics";

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> BucketWrites = Meter.CreateCounter<long>("openclaw.metrics.bucket_writes", "{field}", "Bucket fields incremented (HINCRBY by a contribution's difference)");
    private static readonly Counter<long> Groups = Meter.CreateCounter<long>("openclaw.metrics.groups", "{group}", "Groups recomputed after an upsert (tag changed=true when the buckets moved)");
    private static readonly Counter<long> Swept = Meter.CreateCounter<long>("openclaw.metrics.ledger_swept", "{entry}", "Ledger entries removed because all their days left the retention");
    private static readonly Counter<long> EntitiesSwept = Meter.CreateCounter<long>("openclaw.metrics.entities_swept", "{entity}", "Stored orders, packages, tracking, returns and cancellations removed with their group's swept ledger entry");
    private static readonly Counter<long> Rebuilds = Meter.CreateCounter<long>("openclaw.metrics.rebuilds", "{rebuild}", "Bucket rebuilds started by a change of a shop's time zone");

    /// <summary>Records one applied batch.</summary>
    public static void RecordApplied(int recomputed, int changed, int fieldWrites)
    {
        Groups.Add(recomputed - changed, new KeyValuePair<string, object?>("changed", false));
        Groups.Add(changed, new KeyValuePair<string, object?>("changed", true));
        BucketWrites.Add(fieldWrites);
    }

    /// <summary>Records swept ledger entries.</summary>
    public static void RecordSwept(long entries) => Swept.Add(entries);

    /// <summary>Records stored entities removed with their swept groups.</summary>
    public static void RecordEntitiesSwept(long entities) => EntitiesSwept.Add(entities);

    /// <summary>Records a rebuild start.</summary>
    public static void RecordRebuild() => Rebuilds.Add(1);
}
