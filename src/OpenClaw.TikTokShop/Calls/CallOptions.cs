using OpenClaw.TikTokShop.Resilience;

namespace OpenClaw.TikTokShop.Calls;

/// <summary>Per-call choices of the caller.</summary>
public sealed record CallOptions
{
    /// <summary>Defaults: incremental priority, no token refresh.</summary>
    public static CallOptions Default { get; } = new();

    /// <summary>Priority in the shop's rate budget.</summary>
    public CallPriority Priority { get; init; } = CallPriority.Incremental;

    /// <summary>
    /// Called once when the access token turned out expired (105002). Return a fresh access token to retry the call
    /// once with it, or null to give up with the 105002 error. Null (the default) means no refresh.
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? RefreshAccessToken { get; init; }

    /// <summary>
    /// Called once at the end of a call in which any attempt failed, including one a retry then recovered (ops error
    /// records). Awaited before the call returns, so it should be quick and must not throw; null (the default) means
    /// nothing is reported and no excerpt is captured.
    /// </summary>
    public Func<FailedCall, CancellationToken, ValueTask>? OnFailure { get; init; }
}
