namespace OpenClaw.Dashboard.Api;

/// <summary>How a call to the API ended, as the pages need to tell it.</summary>
public enum ApiOutcome
{
    /// <summary>2xx with a body that parsed.</summary>
    Ok,

    /// <summary>404: the resource does not exist, or (on endpoints still being built) the path does not.</summary>
    NotFound,

    /// <summary>The API does not offer this yet or could not answer (404 on a new endpoint, 405, 501, 503, network error).</summary>
    Unavailable,

    /// <summary>The key was refused (401); the session ends.</summary>
    Unauthorized,

    /// <summary>The key lacks the scope (403).</summary>
    Forbidden,

    /// <summary>Any other problem (400, 409, 412, 5xx, unreadable body); <see cref="ApiResult{T}.Problem"/> says what.</summary>
    Failed,
}

/// <summary>The result of one API call: a value, or why there is none (RFC 9457 problem detail when the API sent one).</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Outcome">How the call ended.</param>
/// <param name="Value">The value when <see cref="ApiOutcome.Ok"/>.</param>
/// <param name="Problem">The problem's detail or title, never a key or token.</param>
public sealed record ApiResult<T>(ApiOutcome Outcome, T? Value, string? Problem = null)
{
    /// <summary>True with a value.</summary>
    public bool IsOk => Outcome == ApiOutcome.Ok && Value is not null;

    /// <summary>True when the page should show "unavailable" for this part instead of an error.</summary>
    public bool IsUnavailable => Outcome is ApiOutcome.NotFound or ApiOutcome.Unavailable;
}

/// <summary>Builds <see cref="ApiResult{T}"/> values.</summary>
public static class ApiResults
{
    /// <summary>A success.</summary>
    public static ApiResult<T> Success<T>(T value) => new(ApiOutcome.Ok, value);

    /// <summary>A failure without a value.</summary>
    public static ApiResult<T> Fail<T>(ApiOutcome outcome, string? problem = null) => new(outcome, default, problem);
}
