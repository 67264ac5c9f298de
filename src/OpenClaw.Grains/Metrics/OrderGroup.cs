using OpenClaw.Grains.Entities;

namespace OpenClaw.Grains.Metrics;

/// <summary>
/// An order and what hangs off it (docs/metrics.md, "The order group"): its returns/refunds, cancellations and tracking.
/// Any member may be stored before the order; the group then counts what it can.
/// </summary>
/// <param name="OrderId">The group key.</param>
/// <param name="Order">The stored order, or null when not stored yet.</param>
/// <param name="Returns">Its stored returns and refunds.</param>
/// <param name="Cancellations">Its stored cancellations.</param>
/// <param name="Tracking">Its stored tracking, or null (fetched once the package is final).</param>
public sealed record OrderGroup(
    string OrderId, StoredOrder? Order, IReadOnlyList<StoredReturn> Returns, IReadOnlyList<StoredCancellation> Cancellations, StoredTracking? Tracking);
