using System.Globalization;
using OpenClaw.TikTokShop.Simulator.Data.Orders;
using OpenClaw.TikTokShop.Simulator.Data.Products;

namespace OpenClaw.TikTokShop.Simulator.Webhooks;

/// <summary>The webhook <c>data</c> payloads of contract §6, built from the generator's plans.</summary>
public static class WebhookEvents
{
    /// <summary>Every (time, type, data) an order produces within (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public static IEnumerable<(long Time, int Type, object Data)> OrderChanges(OrderPlan order, long after, long upTo)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Changes(order).Where(c => c.Time > after && c.Time <= upTo).Select(c => (c.Time, c.Type, c.Data()));
    }

    /// <summary>The first time (Unix seconds) after <paramref name="after"/> at which the order produces a webhook; <see cref="long.MaxValue"/> when none.</summary>
    public static long NextOrderChange(OrderPlan order, long after)
    {
        ArgumentNullException.ThrowIfNull(order);
        var next = long.MaxValue;
        foreach (var (time, _, _) in Changes(order))
        {
            next = time > after && time < next ? time : next;
        }

        return next;
    }

    /// <summary>The first time (Unix seconds) after <paramref name="after"/> at which the product changes; <see cref="long.MaxValue"/> when none.</summary>
    public static long NextProductChange(ProductPlan product, long after)
    {
        ArgumentNullException.ThrowIfNull(product);
        var next = long.MaxValue;
        foreach (var e in product.Events)
        {
            next = e.Time > after && e.Time < next ? e.Time : next;
        }

        return next;
    }

    // Every change of the order's whole timeline; the data is built only for the changes published.
    private static IEnumerable<(long Time, int Type, Func<object> Data)> Changes(OrderPlan order)
    {
        foreach (var e in order.Events)
        {
            yield return (e.Time, 1, () => OrderStatus(order, e));
        }

        foreach (var (time, _) in order.PackageEvents())
        {
            yield return (time, 4, () => Package(order, time));
        }

        if (order.Cancel is { } cancel)
        {
            yield return (cancel.RequestTime, 11,
                () => Cancellation(order, cancel.Time == cancel.RequestTime ? "CANCELLATION_REQUEST_COMPLETE" : "CANCELLATION_REQUEST_PENDING"));
            if (cancel.Time != cancel.RequestTime)
            {
                yield return (cancel.Time, 11, () => Cancellation(order, "CANCELLATION_REQUEST_COMPLETE"));
            }
        }

        if (order.Return is { } ret)
        {
            foreach (var (time, status) in ret.Events)
            {
                yield return (time, 12, () => Return(order, ret, status, time));
            }
        }
    }

    /// <summary>Every (time, type, data) a product produces within (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public static IEnumerable<(long Time, int Type, object Data)> ProductChanges(ProductPlan product, long after, long upTo)
    {
        ArgumentNullException.ThrowIfNull(product);
        string? previousAudit = null;
        foreach (var e in product.Events)
        {
            if (e.Time > after && e.Time <= upTo)
            {
                if (e.Webhook is not null)
                {
                    yield return (e.Time, 5, ProductStatus(product, e));
                }

                if (e.AuditStatus != previousAudit)
                {
                    yield return (e.Time, 37, new { ProductId = product.Id, Audit = new { Status = e.AuditStatus }, UpdateTime = e.Time });
                }
            }

            previousAudit = e.AuditStatus;
        }
    }

    /// <summary>Type 1 data. The webhook says CANCEL where the API says CANCELLED (clients must accept both).</summary>
    public static object OrderStatus(OrderPlan order, OrderEvent e)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(e);
        return new
        {
            OrderId = order.Id,
            OrderStatus = e.Status == "CANCELLED" ? "CANCEL" : e.Status,
            IsOnHoldOrder = e.Status == "ON_HOLD",
            UpdateTime = e.Time,
        };
    }

    /// <summary>Type 4 data.</summary>
    public static object Package(OrderPlan order, long time)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new
        {
            ScType = "PACKAGE_STATUS",
            RoleType = "SELLER",
            PackageList = new[] { new { PackageId = order.PackageId, OrderIdList = new[] { order.Id } } },
            UpdateTime = time,
        };
    }

    /// <summary>Type 5 data.</summary>
    public static object ProductStatus(ProductPlan product, ProductEvent e)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(e);
        return new { ProductId = product.Id, Status = e.Webhook ?? "PRODUCT_STATUS_CHANGED", SuspendedReason = e.SuspendedReason ?? "", UpdateTime = e.Time };
    }

    /// <summary>Type 11 data.</summary>
    public static object Cancellation(OrderPlan order, string status)
    {
        ArgumentNullException.ThrowIfNull(order);
        var cancel = order.Cancel!;
        return new
        {
            OrderId = order.Id,
            CancellationsRole = cancel.Initiator,
            CancelStatus = status,
            CancelId = cancel.Id(order.Id),
            CreateTime = cancel.RequestTime,
        };
    }

    /// <summary>Type 12 data.</summary>
    public static object Return(OrderPlan order, ReturnPlan ret, string status, long time)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(ret);
        return new
        {
            OrderId = order.Id,
            ReturnRole = ret.Role,
            ReturnType = ret.Type,
            ReturnStatus = status,
            ReturnId = ret.Id,
            CreateTime = ret.CreateTime,
            UpdateTime = time,
        };
    }

    /// <summary>Type 6 data.</summary>
    public static object Deauthorization() => new { Message = "The seller has deauthorized the app." };

    /// <summary>Type 7 data.</summary>
    public static object UpcomingExpiration(long expiresAt) => new
    {
        Message = "The authorization will expire soon; ask the seller to re-authorize.",
        ExpirationTime = expiresAt.ToString(CultureInfo.InvariantCulture),
    };
}
