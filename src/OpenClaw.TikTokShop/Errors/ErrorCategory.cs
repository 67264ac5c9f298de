namespace OpenClaw.TikTokShop.Errors;

/// <summary>What kind of failure a TikTok Shop call ended in.</summary>
public enum ErrorCategory
{
    /// <summary>Token or authorization problem: expired, invalid, revoked.</summary>
    Auth,

    /// <summary>Missing scope, IP allow list, deactivated shop or seller.</summary>
    Permission,

    /// <summary>Too many requests or quota exhausted.</summary>
    RateLimit,

    /// <summary>The request itself is wrong (parameters, signing, version).</summary>
    BadRequest,

    /// <summary>Path, method or resource does not exist.</summary>
    NotFound,

    /// <summary>TikTok failed or is overloaded.</summary>
    Server,

    /// <summary>No answer: connection failure, timeout, open circuit.</summary>
    Network,

    /// <summary>An answer arrived but is not a usable envelope (not JSON, truncated, wrong types, too large).</summary>
    BadResponse,
}
