using System.Text.Json.Serialization.Metadata;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.TikTokShop.Transport;

/// <summary>The mutable bookkeeping of one logical call across its attempts.</summary>
internal sealed class CallState<T>(ApiRequest request, ShopAccess? access, CallOptions options, JsonTypeInfo<T> dataType)
{
    public ApiRequest Request { get; } = request;

    public ShopAccess? Access { get; set; } = access;

    public CallOptions Options { get; } = options;

    public JsonTypeInfo<T> DataType { get; } = dataType;

    /// <summary>Plausibility check of parsed data against now; returns the diagnosis or null.</summary>
    public Func<T, DateTimeOffset, string?>? Validate { get; init; }

    /// <summary>Shop id for budget, circuit and telemetry; the auth service has no shop.</summary>
    public string ShopKey { get; } = access?.ShopId ?? (request.Host == ApiHost.Auth ? "auth" : "app");

    public int Attempts { get; set; }

    public TimeSpan BudgetWait { get; set; }

    public int? LastHttpStatus { get; set; }

    public string? LastRequestId { get; set; }

    public int Retries => Math.Max(0, Attempts - 1);
}

/// <summary>The result of one HTTP attempt.</summary>
internal sealed class AttemptOutcome<T> : IAttemptOutcome
{
    private AttemptOutcome(T? value, TikTokShopError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public TikTokShopError? Error { get; }

    public static AttemptOutcome<T> Success(T value) => new(value, null);

    public static AttemptOutcome<T> Failure(TikTokShopError error) => new(default, error);
}
