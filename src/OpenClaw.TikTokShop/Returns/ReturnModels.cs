using System.Text.Json.Serialization;
using OpenClaw.TikTokShop.Json;

namespace OpenClaw.TikTokShop.Returns;

/// <summary>A return or refund request.</summary>
public sealed record ReturnOrder(
    string ReturnId,
    string OrderId,
    string ReturnType,
    string ReturnStatus,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset CreateTime,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset UpdateTime,
    string? Role = null,
    string? ReturnReason = null,
    string? ReturnReasonText = null,
    RefundAmount? RefundAmount = null);

/// <summary>A cancellation request.</summary>
public sealed record Cancellation(
    string CancelId,
    string OrderId,
    string CancelType,
    string CancelStatus,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset CreateTime,
    [property: JsonConverter(typeof(UnixSecondsConverter))] DateTimeOffset UpdateTime,
    string? Role = null,
    string? CancelReason = null,
    string? CancelReasonText = null,
    RefundAmount? RefundAmount = null);

/// <summary>Refund money of a return or cancellation.</summary>
public sealed record RefundAmount(string Currency, [property: JsonConverter(typeof(DecimalStringConverter))] decimal RefundTotal);

/// <summary><c>data</c> of return search.</summary>
public sealed record ReturnSearchData(IReadOnlyList<ReturnOrder>? ReturnOrders = null, string? NextPageToken = null, int? TotalCount = null);

/// <summary><c>data</c> of cancellation search.</summary>
public sealed record CancellationSearchData(IReadOnlyList<Cancellation>? Cancellations = null, string? NextPageToken = null, int? TotalCount = null);

/// <summary>What to search returns or cancellations for. Windows are half-open (<c>_ge</c>/<c>_lt</c>).</summary>
public sealed record AfterSaleSearchQuery
{
    /// <summary>Updated at or after.</summary>
    public DateTimeOffset? UpdateTimeFrom { get; init; }

    /// <summary>Updated before.</summary>
    public DateTimeOffset? UpdateTimeTo { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreateTimeFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreateTimeTo { get; init; }

    /// <summary>Only these orders.</summary>
    public IReadOnlyList<string>? OrderIds { get; init; }

    /// <summary>Returns: REFUND, RETURN_AND_REFUND, REPLACEMENT. Cancellations: CANCEL, BUYER_CANCEL.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Only these statuses.</summary>
    public IReadOnlyList<string>? Statuses { get; init; }

    /// <summary>Returns: 10–50; cancellations: 1–50.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Sort field (TikTok's default when null).</summary>
    public string? SortField { get; init; } = "update_time";

    /// <summary>ASC or DESC (returns default to ASC).</summary>
    public string? SortOrder { get; init; } = "ASC";

    internal ReturnSearchBody ToReturnBody() => new(Types, Statuses, CreateTimeFrom?.ToUnixTimeSeconds(), CreateTimeTo?.ToUnixTimeSeconds(),
        UpdateTimeFrom?.ToUnixTimeSeconds(), UpdateTimeTo?.ToUnixTimeSeconds(), OrderIds);

    internal CancellationSearchBody ToCancellationBody() => new(Types, Statuses, CreateTimeFrom?.ToUnixTimeSeconds(), CreateTimeTo?.ToUnixTimeSeconds(),
        UpdateTimeFrom?.ToUnixTimeSeconds(), UpdateTimeTo?.ToUnixTimeSeconds(), OrderIds);
}

internal sealed record ReturnSearchBody(
    IReadOnlyList<string>? ReturnTypes,
    IReadOnlyList<string>? ReturnStatus,
    long? CreateTimeGe,
    long? CreateTimeLt,
    long? UpdateTimeGe,
    long? UpdateTimeLt,
    IReadOnlyList<string>? OrderIds);

internal sealed record CancellationSearchBody(
    IReadOnlyList<string>? CancelTypes,
    IReadOnlyList<string>? CancelStatus,
    long? CreateTimeGe,
    long? CreateTimeLt,
    long? UpdateTimeGe,
    long? UpdateTimeLt,
    IReadOnlyList<string>? OrderIds);
