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

    /// <summary>The access token the call started with (masked in excerpts even after a refresh replaced it).</summary>
    public string? InitialAccessToken { get; } = access?.AccessToken;

    /// <summary>The latest failed attempt's error (kept when a retry then succeeds), for <see cref="CallOptions.OnFailure"/>.</summary>
    public TikTokShopError? LastFailure { get; set; }

    /// <summary>The response excerpt of <see cref="LastFailure"/>, or null when no body arrived.</summary>
    public string? LastFailureExcerpt { get; set; }

    /// <summary>The response excerpt of the attempt in progress, set only on failure and only when someone listens.</summary>
    public string? AttemptExcerpt { get; set; }
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
