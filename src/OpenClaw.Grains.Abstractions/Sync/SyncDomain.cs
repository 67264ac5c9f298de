namespace OpenClaw.Grains.Sync;

/// <summary>The data domains a shop grain keeps in step with TikTok (issue 9, contract §5).</summary>
public enum SyncDomain
{
    /// <summary>Orders (<c>/order/202309/orders/search</c> by <c>update_time</c>).</summary>
    Orders = 0,

    /// <summary>Returns and refunds (<c>/return_refund/202309/returns/search</c>).</summary>
    Returns = 1,

    /// <summary>Cancellations (<c>/return_refund/202309/cancellations/search</c>).</summary>
    Cancellations = 2,

    /// <summary>Products with audit status (search, then detail of each changed product).</summary>
    Products = 3,

    /// <summary>Packages and their carrier tracking (<c>/fulfillment/202309/packages/search</c> + tracking).</summary>
    Packages = 4,

    /// <summary>Warehouses (<c>/logistics/202309/warehouses</c>, a full list each run).</summary>
    Warehouses = 5,

    /// <summary>Shop performance per day (<c>/analytics/202405/shop/performance</c>), for reconciliation.</summary>
    Performance = 6,
}

/// <summary>Why a sync page or run happened, in the order the rate budget serves them (ARCHITECTURE §5).</summary>
public enum SyncKind
{
    /// <summary>A webhook named one entity (order, return, product): fetched first.</summary>
    Targeted = 0,

    /// <summary>The regular window from the watermark to a little before now.</summary>
    Incremental = 1,

    /// <summary>History from the backfill start date, in bounded chunks, only with what is left over.</summary>
    Backfill = 2,
}
