namespace OpenClaw.TikTokShop.Simulator.Api;

/// <summary>A contract error: the envelope <c>code</c>, its HTTP status (contract §4) and a message.</summary>
public sealed record ApiError(int Code, int HttpStatus, string Message)
{
    /// <summary>A <c>Retry-After</c> header value in real seconds, when the answer carries one.</summary>
    public long? RetryAfterSeconds { get; init; }

    /// <summary>The contract's HTTP status for a code; 400 for codes the table does not list.</summary>
    public static int StatusFor(int code) => code switch
    {
        0 => 200,
        ErrorCodes.TooManyRequests or ErrorCodes.SandboxTooManyRequests => 429,
        ErrorCodes.DailyQuotaExhausted => 200,
        ErrorCodes.InternalError => 500,
        ErrorCodes.RequestTimeout => 504,
        ErrorCodes.AccessTokenExpired or ErrorCodes.InvalidAccessToken or ErrorCodes.InvalidSign => 401,
        ErrorCodes.ShopDeactivated or ErrorCodes.SellerDeactivated => 401,
        ErrorCodes.ScopeMissing or ErrorCodes.IpNotAllowed => 403,
        ErrorCodes.InvalidPath => 404,
        ErrorCodes.InvalidMethod => 405,
        _ => 400,
    };

    /// <summary>An error with the contract status for <paramref name="code"/>.</summary>
    public static ApiError Of(int code, string message) => new(code, StatusFor(code), message);

    /// <summary>36009004 with a message naming the problem (clients branch on its keywords).</summary>
    public static ApiError BadRequest(string message) => Of(ErrorCodes.InvalidRequest, message);
}

/// <summary>The error codes of contract §3–§4.</summary>
public static class ErrorCodes
{
    /// <summary>Too many requests (app + shop).</summary>
    public const int TooManyRequests = 36009002;
    /// <summary>Sandbox user too many requests.</summary>
    public const int SandboxTooManyRequests = 36009037;
    /// <summary>Per-day quota exhausted.</summary>
    public const int DailyQuotaExhausted = 45101004;
    /// <summary>Internal error.</summary>
    public const int InternalError = 36009003;
    /// <summary>Request timeout.</summary>
    public const int RequestTimeout = 36009007;
    /// <summary>Access token expired.</summary>
    public const int AccessTokenExpired = 105002;
    /// <summary>Scope missing.</summary>
    public const int ScopeMissing = 105005;
    /// <summary>Invalid access token or token/cipher mismatch.</summary>
    public const int InvalidAccessToken = 101000;
    /// <summary>Invalid sign.</summary>
    public const int InvalidSign = 106001;
    /// <summary>shop_cipher missing.</summary>
    public const int ShopCipherMissing = 106013;
    /// <summary>The overloaded "invalid request" code (missing sign, bad app key, timestamp, unexpected cipher, missing param).</summary>
    public const int InvalidRequest = 36009004;
    /// <summary>Invalid path.</summary>
    public const int InvalidPath = 36009009;
    /// <summary>Invalid method.</summary>
    public const int InvalidMethod = 36009010;
    /// <summary>Invalid version.</summary>
    public const int InvalidVersion = 36009014;
    /// <summary>IP not in allow list.</summary>
    public const int IpNotAllowed = 36009033;
    /// <summary>Shop deactivated.</summary>
    public const int ShopDeactivated = 36009043;
    /// <summary>Seller deactivated.</summary>
    public const int SellerDeactivated = 36009044;
    /// <summary>Product search beyond 10,000 results.</summary>
    public const int ProductSearchTooDeep = 12052180;
    /// <summary>Order does not belong to the seller.</summary>
    public const int OrderNotOwned = 21008111;
    /// <summary>return_refund invalid parameter.</summary>
    public const int ReturnRefundInvalidParameter = 25001001;
    /// <summary>Invalid auth code.</summary>
    public const int InvalidAuthCode = 36004004;
    /// <summary>Refresh token expired.</summary>
    public const int RefreshTokenExpired = 36004001;
    /// <summary>No related auth record (revoked).</summary>
    public const int AuthorizationRevoked = 36004005;
}
