namespace OpenClaw.TikTokShop.Simulator.Data.Orders;

/// <summary>
/// An order's whole timeline, precomputed from (seed, shop, creation day, ordinal). What the API shows at simulated
/// time T is the last event at or before T; nothing is stored per order. The timeline is generated with the day; the
/// details (line items, money, tracking) come from a separate random stream and are generated only when first read,
/// because most searches only look at times.
/// </summary>
public sealed class OrderPlan
{
    private readonly Func<OrderPlan, OrderDetails> _detail;
    private OrderDetails? _details;

    /// <summary>Creates a plan; <paramref name="detail"/> generates the details on first use.</summary>
    public OrderPlan(string id, int shopIndex, int dayNumber, int ordinal, OrderTimes times, CancelPlan? cancel, ReturnPlan? returnPlan,
        OrderEvent[] events, Func<OrderPlan, OrderDetails> detail)
    {
        Id = id;
        ShopIndex = shopIndex;
        DayNumber = dayNumber;
        Ordinal = ordinal;
        Times = times;
        Cancel = cancel;
        Return = returnPlan;
        Events = events;
        _detail = detail;
    }

    /// <summary>The order id.</summary>
    public string Id { get; }
    /// <summary>The shop's index.</summary>
    public int ShopIndex { get; }
    /// <summary>The shop-local creation day (DateOnly.DayNumber).</summary>
    public int DayNumber { get; }
    /// <summary>Position within the creation day.</summary>
    public int Ordinal { get; }
    /// <summary>The timeline.</summary>
    public OrderTimes Times { get; }
    /// <summary>The cancellation, if the order is ever cancelled.</summary>
    public CancelPlan? Cancel { get; }
    /// <summary>The return or refund, if the buyer ever asks for one.</summary>
    public ReturnPlan? Return { get; }
    /// <summary>Status changes in time order.</summary>
    public IReadOnlyList<OrderEvent> Events { get; }

    /// <summary>create_time.</summary>
    public long CreateTime => Times.Created;
    /// <summary>paid_time.</summary>
    public long? PaidTime => Times.Paid;
    /// <summary>rts_time (ready to ship).</summary>
    public long? RtsTime => Times.Rts;
    /// <summary>collection_time.</summary>
    public long? CollectionTime => Times.Collected;
    /// <summary>delivery_time.</summary>
    public long? DeliveryTime => Times.Delivered;
    /// <summary>rts_sla_time.</summary>
    public long RtsSlaTime => Times.RtsSla;
    /// <summary>tts_sla_time.</summary>
    public long TtsSlaTime => Times.RtsSla + 7 * 86_400;

    /// <summary>Line items, money, warehouse, carrier and scans (generated on first use, then kept).</summary>
    public OrderDetails Details => _details ??= _detail(this);
    /// <summary>Line items.</summary>
    public IReadOnlyList<LineItemPlan> LineItems => Details.LineItems;
    /// <summary>Payment.</summary>
    public OrderMoney Money => Details.Money;
    /// <summary>Shipping warehouse.</summary>
    public string WarehouseId => Details.WarehouseId;
    /// <summary>Tracking number (shown once shipped).</summary>
    public string TrackingNumber => Details.TrackingNumber;
    /// <summary>Carrier name.</summary>
    public string ShippingProvider => Details.ShippingProvider;
    /// <summary>Pseudonymous buyer id.</summary>
    public string BuyerId => Details.BuyerId;
    /// <summary>Carrier scans.</summary>
    public IReadOnlyList<TrackingEvent> Tracking => Details.Tracking;
    /// <summary>The refund of the return: the whole order or its first item.</summary>
    public decimal RefundAmount => Return is { FullRefund: false } && LineItems.Count > 1 ? LineItems[0].SalePrice : Money.Total;

    /// <summary>The order's last status event at or before <paramref name="at"/>; null before it exists.</summary>
    public OrderEvent? StateAt(long at)
    {
        OrderEvent? last = null;
        foreach (var e in (OrderEvent[])Events)
        {
            if (e.Time > at)
            {
                break;
            }

            last = e;
        }

        return last;
    }

    /// <summary>The package exists once the order is awaiting shipment (and was not cancelled before that).</summary>
    public long? PackageCreateTime => PaidTime is { } paid && (Cancel is null || Cancel.Time > paid + OrderPlanner.RemorseSeconds)
        ? paid + OrderPlanner.RemorseSeconds
        : null;

    /// <summary>The package id (one package per order in the simulator).</summary>
    public string PackageId => "11" + Id[2..];

    /// <summary>The package's status at <paramref name="at"/>, or null when it does not exist yet.</summary>
    public (long Time, string Status)? PackageStateAt(long at)
    {
        if (PackageCreateTime is not { } created || created > at)
        {
            return null;
        }

        (long, string) state = (created, "PROCESSING");
        if (RtsTime is { } rts && rts <= at)
        {
            state = (rts, "FULFILLING");
        }

        if (Times.PackageCompleted is { } completed && completed <= at)
        {
            state = (completed, "COMPLETED");
        }

        if (Cancel is { } cancel && cancel.Time <= at)
        {
            state = (cancel.Time, "CANCELLED");
        }

        return state;
    }

    /// <summary>Package status events: PROCESSING, FULFILLING at ready-to-ship, COMPLETED at delivery (or when a refused package is back), CANCELLED.</summary>
    public IEnumerable<(long Time, string Status)> PackageEvents()
    {
        if (PackageCreateTime is not { } created)
        {
            yield break;
        }

        yield return (created, "PROCESSING");
        if (RtsTime is { } rts)
        {
            yield return (rts, "FULFILLING");
        }

        if (Times.PackageCompleted is { } completed)
        {
            yield return (completed, "COMPLETED");
        }

        if (Cancel is { } cancel)
        {
            yield return (cancel.Time, "CANCELLED");
        }
    }
}

/// <summary>
/// The timestamps of an order's timeline (Unix seconds). <paramref name="Refused"/> is when the buyer refused the package
/// at the door (then there is no delivery and the order completes on the full refund, contract §5).
/// </summary>
public sealed record OrderTimes(long Created, long? Paid, long RtsSla, long? Rts, long? Collected, long? Delivered, long? Completed, bool LogisticsException,
    long? Refused = null)
{
    /// <summary>When the package is done: delivered, or back at the seller after a refusal (then the order completes).</summary>
    public long? PackageCompleted => Delivered ?? (Refused is not null ? Completed : null);
}

/// <summary>What an order contains and how it travels; generated lazily.</summary>
public sealed record OrderDetails(IReadOnlyList<LineItemPlan> LineItems, OrderMoney Money, string WarehouseId, string TrackingNumber, string ShippingProvider,
    string BuyerId, IReadOnlyList<TrackingEvent> Tracking);

/// <summary>An order status change.</summary>
public sealed record OrderEvent(long Time, string Status);

/// <summary>One unit of one SKU (TikTok line items are per unit).</summary>
public sealed record LineItemPlan(string Id, int ProductOrdinal, string ProductId, string SkuId, string SellerSku, string ProductName, decimal SalePrice, decimal OriginalPrice);

/// <summary>The order's payment breakdown.</summary>
public sealed record OrderMoney(decimal SubTotal, decimal ShippingFee, decimal SellerDiscount, decimal PlatformDiscount, decimal Tax, decimal Total);

/// <summary>A cancellation: who, why, when requested and when it took effect.</summary>
public sealed record CancelPlan(long RequestTime, long Time, string Initiator, string Reason)
{
    /// <summary>The cancellation id.</summary>
    public string Id(string orderId) => "60" + orderId[2..];

    /// <summary>
    /// The cancellation's status at <paramref name="at"/>: CANCELLATION_REQUEST_PENDING from the request,
    /// CANCELLATION_REQUEST_COMPLETE once it took effect; null before the request.
    /// </summary>
    public (long Time, string Status)? StateAt(long at) =>
        Time <= at ? (Time, "CANCELLATION_REQUEST_COMPLETE")
        : RequestTime <= at ? (RequestTime, "CANCELLATION_REQUEST_PENDING")
        : null;
}

/// <summary>
/// A return or refund and its status history. <paramref name="Role"/> is who asked (BUYER, SELLER, SYSTEM);
/// <paramref name="SubReason"/> is how the generator made it (<see cref="RefundSubReason"/>), the truth's classification.
/// </summary>
public sealed record ReturnPlan(string Id, string Type, string Reason, string ReasonText, bool FullRefund, IReadOnlyList<(long Time, string Status)> Events,
    string Role = "BUYER", string SubReason = RefundSubReason.ReturnAfterDelivery)
{
    /// <summary>When the request was made.</summary>
    public long CreateTime => Events[0].Time;

    /// <summary>When the refund was completed, if it ever is.</summary>
    public long? RefundTime => Events.Where(e => e.Status == "RETURN_OR_REFUND_REQUEST_COMPLETE").Select(e => (long?)e.Time).FirstOrDefault();

    /// <summary>The last status at or before <paramref name="at"/>.</summary>
    public (long Time, string Status)? StateAt(long at)
    {
        (long, string)? last = null;
        foreach (var e in Events)
        {
            if (e.Time > at)
            {
                break;
            }

            last = e;
        }

        return last;
    }
}

/// <summary>
/// A carrier scan, in milliseconds as the tracking endpoint reports it; <paramref name="ExceptionCode"/> is the catalogue entry
/// of an exception scan (its description is then <c>&lt;carrier&gt; &lt;code&gt;: &lt;text&gt;</c>).
/// </summary>
public sealed record TrackingEvent(long TimeMillis, string Description, Logistics.CarrierExceptionCode? ExceptionCode = null);
