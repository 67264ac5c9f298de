using OpenClaw.Grains.Entities;

namespace OpenClaw.Grains.Sync.Fetchers;

/// <summary>
/// A page whose search call succeeded but one of its later calls (a product detail) failed or was refused by the rate
/// budget. The versions
/// fetched before that are stored, the window keeps its page token, and the next attempt goes on with the same page
/// (<see cref="Held"/>, or asking for it again after a restart) and skips what is stored: a page of 20 details needs no 21 budget grants in a row to make progress (without this a
/// contended budget could stall the products backfill for good).
/// </summary>
public sealed class PartialPageException : Exception
{
    /// <summary>A partial page: <paramref name="versions"/> fetched in <paramref name="calls"/> calls before <paramref name="cause"/>.</summary>
    /// <param name="versions">The versions fetched before the failure, to upsert.</param>
    /// <param name="calls">Calls made for them (the search included).</param>
    /// <param name="cause">The failure: a <see cref="TikTokShop.Resilience.RateBudgetPausedException"/> or a <see cref="TikTokShop.Errors.TikTokShopException"/>.</param>
    public PartialPageException(IReadOnlyList<EntityVersion> versions, int calls, Exception cause)
        : base("the page was fetched in part: " + cause.Message, cause)
    {
        Versions = versions;
        Calls = calls;
    }

    /// <summary>The versions fetched before the failure.</summary>
    public IReadOnlyList<EntityVersion> Versions { get; }

    /// <summary>Calls made for them, the search included.</summary>
    public int Calls { get; }

    /// <summary>The search page to go on with next time, without searching again (null: search again).</summary>
    public HeldProductPage? Held { get; init; }
}
