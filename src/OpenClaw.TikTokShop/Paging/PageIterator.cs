using System.Runtime.CompilerServices;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;

namespace OpenClaw.TikTokShop.Paging;

/// <summary>
/// Walks a listing page by page. Items already returned in this walk are dropped (a repeated or reordered page
/// loses nothing and duplicates nothing); a token that keeps coming back is a bad response, not an endless loop.
/// </summary>
public static class PageIterator
{
    /// <summary>How often the same page token may be requested in one walk before giving up.</summary>
    public const int MaxRepeatsOfOneToken = 3;

    /// <summary>Iterates pages, starting at <paramref name="startPageToken"/> (null for the first page).</summary>
    /// <param name="fetch">Fetches one page for a token.</param>
    /// <param name="keyOf">The item's identity (order id, return id…).</param>
    /// <param name="startPageToken">A checkpointed token to resume from.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <exception cref="TikTokShopException">A page failed; the last yielded page's token is where to resume.</exception>
    public static async IAsyncEnumerable<Page<T>> IterateAsync<T>(
        Func<string?, CancellationToken, Task<TikTokShopResult<Page<T>>>> fetch,
        Func<T, string> keyOf,
        string? startPageToken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(keyOf);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var requests = new Dictionary<string, int>(StringComparer.Ordinal);
        var token = string.IsNullOrEmpty(startPageToken) ? null : startPageToken;
        while (true)
        {
            var key = token ?? "";
            requests[key] = requests.GetValueOrDefault(key) + 1;
            if (requests[key] > MaxRepeatsOfOneToken)
            {
                throw new TikTokShopException(new TikTokShopError(null, null,
                    "The server keeps returning the same page token", null, "page_token", ErrorCatalogue.Get(ErrorCatalogue.Keys.BadResponse)));
            }

            var result = await fetch(token, cancellationToken).ConfigureAwait(false);
            var page = result.GetValueOrThrow();
            var fresh = page.Items.Where(item => seen.Add(keyOf(item))).ToList();
            yield return page with { Items = fresh, DuplicatesDropped = page.Items.Count - fresh.Count };
            if (page.IsLast)
            {
                yield break;
            }

            token = page.NextPageToken;
        }
    }
}
