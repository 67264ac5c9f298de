using OpenClaw.TikTokShop.Simulator.Data.Products;

namespace OpenClaw.TikTokShop.Simulator.Truth.Metrics;

/// <summary>
/// The product group (docs/metrics.md, "The product group"): each product by its state at now, on the day of its
/// update_time, and the current-state snapshot with <c>products_total</c> and <c>products_active</c>.
/// </summary>
internal static class ProductGroupTruth
{
    /// <summary>Adds every product created by <paramref name="now"/> to <paramref name="days"/>; answers the snapshot.</summary>
    public static SortedDictionary<string, long> Add(IEnumerable<ProductPlan> products, DayBuckets days, long now)
    {
        var snapshot = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var product in products.Where(p => p.CreateTime <= now))
        {
            var state = product.StateAt(now)!;
            foreach (var field in Fields(product, state))
            {
                days.Add(state.Time, field);
                Increment(snapshot, field);
            }

            Increment(snapshot, "products_total");
            if (state.Status == "ACTIVATE")
            {
                Increment(snapshot, "products_active");
            }
        }

        return snapshot;
    }

    private static IEnumerable<string> Fields(ProductPlan product, ProductEvent state)
    {
        var auditFailed = state.AuditStatus == "FAILED";
        if (state.AuditStatus is "APPROVED" or "PRE_APPROVED")
        {
            yield return "products_audit_passed";
        }

        if (auditFailed)
        {
            yield return "products_audit_failed";
            foreach (var reason in product.AuditFailures.SelectMany(f => f.Reasons))
            {
                yield return "audit_failed_reason:" + reason;
            }
        }

        if (state.Status is "SELLER_DEACTIVATED" or "PLATFORM_DEACTIVATED")
        {
            yield return "products_deactivated";
        }

        if (state.Status == "FREEZE")
        {
            yield return "products_frozen";
        }

        // Policy violations (contract §5): platform deactivation, freeze or a failed audit, once per product.
        if (state.IsViolation || auditFailed)
        {
            yield return "violations";
        }
    }

    private static void Increment(SortedDictionary<string, long> fields, string field) => fields[field] = fields.GetValueOrDefault(field) + 1;
}
