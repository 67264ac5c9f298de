namespace OpenClaw.TikTokShop.Paging;

/// <summary>
/// One page of a listing. Store <see cref="NextPageToken"/> as the checkpoint after processing <see cref="Items"/>;
/// resuming from it continues with the next page.
/// </summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">The items of this page (already seen items removed by the page iterator).</param>
/// <param name="PageToken">The token this page was requested with (null for the first page).</param>
/// <param name="NextPageToken">The token of the next page; null or empty on the last page.</param>
/// <param name="TotalCount">TikTok's total count, when it sends one.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? PageToken, string? NextPageToken, int? TotalCount)
{
    /// <summary>True when no page follows.</summary>
    public bool IsLast => string.IsNullOrEmpty(NextPageToken);

    /// <summary>Items the server sent again on this page (duplicate pages) that the iterator dropped.</summary>
    public int DuplicatesDropped { get; init; }
}
