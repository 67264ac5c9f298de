namespace OpenClaw.Grains.Tokens;

/// <summary>Why <see cref="TokenLifecycle"/> has no access token to give.</summary>
public enum TokenUnavailableReason
{
    /// <summary>No grant was ever installed.</summary>
    NotConnected = 0,

    /// <summary>The seller must authorize again (36004001 / 36004005, contract §3).</summary>
    NeedsReauthorization = 1,

    /// <summary>The access token is expired or rejected and refreshing failed or is backing off; see <see cref="TokenUnavailableException.RetryAt"/>.</summary>
    RefreshFailing = 2,

    /// <summary>
    /// TikTok rejected (105002) an access token that a forced refresh had just issued: refreshing again would loop.
    /// </summary>
    RejectedAfterRefresh = 3,

    /// <summary>The stored ciphertext cannot be decrypted (Data Protection key lost or purpose mismatch).</summary>
    CannotDecrypt = 4,
}

/// <summary>No usable access token. The message names the reason, never a token.</summary>
public sealed class TokenUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why no token is available.</param>
    /// <param name="retryAt">When a refresh may be attempted again (UTC), if known.</param>
    /// <param name="errorKey">Catalogue key of the refresh failure (e.g. <c>network</c>), if any.</param>
    /// <param name="innerException">The classified client error, if any (it carries no token).</param>
    public TokenUnavailableException(TokenUnavailableReason reason, DateTimeOffset? retryAt = null, string? errorKey = null,
        Exception? innerException = null)
        : base(Describe(reason, retryAt, errorKey), innerException)
    {
        Reason = reason;
        RetryAt = retryAt;
        ErrorKey = errorKey;
    }

    /// <summary>Why no token is available.</summary>
    public TokenUnavailableReason Reason { get; }

    /// <summary>When a refresh may be attempted again (UTC), if known.</summary>
    public DateTimeOffset? RetryAt { get; }

    /// <summary>Catalogue key of the refresh failure, if any.</summary>
    public string? ErrorKey { get; }

    private static string Describe(TokenUnavailableReason reason, DateTimeOffset? retryAt, string? errorKey) =>
        $"No usable access token: {reason}"
        + (errorKey is null ? string.Empty : $" (last error {errorKey})")
        + (retryAt is { } at ? $"; next refresh attempt at {at:O}" : string.Empty);
}
