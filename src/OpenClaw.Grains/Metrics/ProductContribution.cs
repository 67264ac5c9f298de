using OpenClaw.Grains.Entities;
using F = OpenClaw.Grains.Metrics.MetricFields;

namespace OpenClaw.Grains.Metrics;

/// <summary>
/// What a product contributes (docs/metrics.md, "The product group"): its current state on the shop-local day of its
/// <c>update_time</c>, and to the current-state snapshot (<see cref="MetricContribution.SnapshotBucket"/>).
/// </summary>
public static class ProductContribution
{
    /// <summary>The product's contribution in the shop's reporting zone.</summary>
    public static MetricContribution Compute(StoredProduct product, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(zone);
        var c = new MetricContribution();
        var day = MetricContribution.Day(MetricContribution.LocalDate(product.UpdateTime, zone));
        var failed = product.AuditStatus == "FAILED";
        var status = product.Status;
        foreach (var bucket in new[] { day, MetricContribution.SnapshotBucket })
        {
            c.Add(bucket, F.ProductsAuditPassed, product.AuditStatus is "APPROVED" or "PRE_APPROVED" ? 1 : 0);
            c.Add(bucket, F.ProductsAuditFailed, failed ? 1 : 0);
            c.Add(bucket, F.ProductsDeactivated, status is "SELLER_DEACTIVATED" or "PLATFORM_DEACTIVATED" ? 1 : 0);
            c.Add(bucket, F.ProductsFrozen, status == "FREEZE" ? 1 : 0);
            c.Add(bucket, F.Violations, status is "PLATFORM_DEACTIVATED" or "FREEZE" || failed ? 1 : 0);
            if (failed)
            {
                // Once per product per reason, however many positions repeat it.
                foreach (var reason in product.AuditFailedReasons.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal))
                {
                    c.Add(bucket, F.Of(F.AuditFailedReason, reason), 1);
                }
            }
        }

        c.Add(MetricContribution.SnapshotBucket, F.ProductsTotal, 1);
        c.Add(MetricContribution.SnapshotBucket, F.ProductsActive, status == "ACTIVATE" ? 1 : 0);
        return c;
    }
}
