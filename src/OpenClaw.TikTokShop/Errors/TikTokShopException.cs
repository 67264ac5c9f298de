namespace OpenClaw.TikTokShop.Errors;

/// <summary>Thrown by <see cref="Calls.TikTokShopResult{T}.GetValueOrThrow"/> and the page iterators; carries the typed error.</summary>
public sealed class TikTokShopException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public TikTokShopException(TikTokShopError error)
        : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The typed error.</summary>
    public TikTokShopError Error { get; }
}
