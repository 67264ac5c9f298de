namespace OpenClaw.TikTokShop.Simulator.Data.Orders;

/// <summary>
/// Which creation days a search must scan: an entity whose own times are in a window can only come from orders created
/// at most the entity's span (<see cref="OrderPlanner.OrderSpanDays"/> and siblings) before it, and never after the snapshot time.
/// </summary>
public readonly record struct ScanWindow(long? CreateGe, long? CreateLt, long? UpdateGe, long? UpdateLt)
{
    /// <summary>Orders whose entities (the order itself, its return, package or cancellation) may match.</summary>
    /// <param name="planner">The order generator.</param>
    /// <param name="shop">The shop.</param>
    /// <param name="asOf">Snapshot time: nothing after it is visible.</param>
    /// <param name="spanDays">How long after the order's creation the entity can still change.</param>
    /// <param name="entityIsOrder">True when the entity's create_time is the order's (tightens the lower bound).</param>
    public IEnumerable<OrderPlan> Orders(OrderPlanner planner, Shop shop, long asOf, int spanDays, bool entityIsOrder)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(shop);
        var span = spanDays * 86_400L;
        long? lower = null;
        if (CreateGe is { } cge)
        {
            lower = entityIsOrder ? cge : cge - span;
        }

        if (UpdateGe is { } uge)
        {
            lower = Math.Max(lower ?? long.MinValue, uge - span);
        }

        var upper = Math.Min(asOf, Math.Min(CreateLt ?? long.MaxValue, UpdateLt ?? long.MaxValue));
        var first = planner.FirstDay(shop);
        var from = lower is { } l ? shop.Region.LocalDate(l) : first;
        if (from < first)
        {
            from = first;
        }

        var to = shop.Region.LocalDate(upper);
        return planner.OrdersBetween(shop, from, to).Where(o => o.CreateTime <= asOf);
    }

    /// <summary>True when an entity's create and update times fall inside the window.</summary>
    public bool Contains(long createTime, long updateTime) =>
        (CreateGe is not { } cge || createTime >= cge) && (CreateLt is not { } clt || createTime < clt)
        && (UpdateGe is not { } uge || updateTime >= uge) && (UpdateLt is not { } ult || updateTime < ult);
}
