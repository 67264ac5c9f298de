using System.Diagnostics.CodeAnalysis;
using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.TikTokShop.Calls;

/// <summary>The outcome of one logical call: typed data or a typed error, never both.</summary>
/// <typeparam name="T">The data type.</typeparam>
public sealed class TikTokShopResult<T>
{
    internal TikTokShopResult(T? value, TikTokShopError? error, string? requestId, int retryCount)
    {
        Value = value;
        Error = error;
        RequestId = requestId;
        RetryCount = retryCount;
    }

    /// <summary>The data when the call succeeded.</summary>
    public T? Value { get; }

    /// <summary>The error when the call failed.</summary>
    public TikTokShopError? Error { get; }

    /// <summary>TikTok's request id of the last attempt, when known.</summary>
    public string? RequestId { get; }

    /// <summary>How many retries the client made (0 when the first attempt decided).</summary>
    public int RetryCount { get; }

    /// <summary>True when <see cref="Value"/> holds the data.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The data, or throws <see cref="TikTokShopException"/> with the error.</summary>
    public T GetValueOrThrow() => IsSuccess ? Value : throw new TikTokShopException(Error);

    /// <summary>Transforms the data, keeping an error as is.</summary>
    public TikTokShopResult<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsSuccess
            ? TikTokShopResult.Success(map(Value), RequestId, RetryCount)
            : TikTokShopResult.Failure<TOut>(Error, RetryCount);
    }
}

/// <summary>Creates <see cref="TikTokShopResult{T}"/> values.</summary>
public static class TikTokShopResult
{
    /// <summary>A successful result.</summary>
    public static TikTokShopResult<T> Success<T>(T value, string? requestId, int retryCount) => new(value, null, requestId, retryCount);

    /// <summary>A failed result.</summary>
    public static TikTokShopResult<T> Failure<T>(TikTokShopError error, int retryCount)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(default, error, error.RequestId, retryCount);
    }
}
