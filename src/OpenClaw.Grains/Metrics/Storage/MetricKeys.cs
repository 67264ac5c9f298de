using System.Globalization;

namespace OpenClaw.Grains.Metrics.Storage;

/// <summary>
/// Redis keys of a shop's metrics (docs/metrics.md, "Storage"), all under the shop's <c>{s:…}</c> hash tag so one
/// script writes a page's ledger entries and buckets in one cluster slot.
/// </summary>
public static class MetricKeys
{
    /// <summary>A bucket: a shop-local day (<c>oc:{s:&lt;shop&gt;}:m:yyyy-MM-dd</c>) or the product snapshot (<c>…:m:products</c>).</summary>
    public static string Bucket(string shopId, string bucket) => $"oc:{{s:{shopId}}}:m:{bucket}";

    /// <summary>The day bucket of a shop-local date.</summary>
    public static string Day(string shopId, DateOnly date) => Bucket(shopId, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The product current-state snapshot hash.</summary>
    public static string Snapshot(string shopId) => Bucket(shopId, MetricContribution.SnapshotBucket);

    /// <summary>The ledger hash: field = group key (<c>o:&lt;order&gt;</c>, <c>p:&lt;product&gt;</c>), value = <see cref="LedgerEntry"/>.</summary>
    public static string Ledger(string shopId) => $"oc:{{s:{shopId}}}:m:ledger";

    /// <summary>
    /// The shop's metrics metadata hash: <c>zone</c> (the IANA zone the buckets are built in), <c>currency</c> (of its
    /// orders), <c>v</c> (a token replaced by every write to the day buckets, so a reader can tell a shop's buckets are
    /// unchanged since it last summed them) and, while a time-zone rebuild runs, <c>rebuild</c>
    /// (<c>&lt;kind index&gt;:&lt;HSCAN cursor&gt;</c>).
    /// </summary>
    public static string Meta(string shopId) => $"oc:{{s:{shopId}}}:m:meta";

    /// <summary>Meta field: the zone of the buckets.</summary>
    public const string ZoneField = "zone";

    /// <summary>Meta field: the shop's currency (ISO 4217, from its orders).</summary>
    public const string CurrencyField = "currency";

    /// <summary>Meta field: rebuild progress.</summary>
    public const string RebuildField = "rebuild";

    /// <summary>Meta field: the buckets' version token, replaced by every bucket write (<see cref="NewVersion"/>).</summary>
    public const string VersionField = "v";

    /// <summary>
    /// A fresh version token: unique, not a counter, so a reader never mistakes buckets rebuilt or recreated after a
    /// reset for the ones it summed before.
    /// </summary>
    public static string NewVersion() => Guid.NewGuid().ToString("N");
}
