using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;
using OpenClaw.TikTokShop.Paging;

namespace OpenClaw.TikTokShop.Tests.Paging;

public sealed class PageIteratorTests
{
    // A listing of 7 items served 3 per page with offset tokens, like the simulator's.
    private static readonly string[] Items = ["a", "b", "c", "d", "e", "f", "g"];

    [Fact]
    public async Task Repeated_and_reversed_pages_lose_and_duplicate_nothing()
    {
        var faults = new Queue<string>(["none", "duplicate", "reverse", "none", "none"]);
        var seen = new List<string>();
        await foreach (var page in PageIterator.IterateAsync(Serve(faults), x => x, null, CancellationToken.None))
        {
            seen.AddRange(page.Items);
        }

        Assert.Equal(Items, seen.Order());
    }

    [Fact]
    public async Task Every_page_exposes_its_next_token_and_resuming_from_it_continues_after_it()
    {
        var pages = new List<Page<string>>();
        await foreach (var page in PageIterator.IterateAsync(Serve(new Queue<string>()), x => x, null, CancellationToken.None))
        {
            pages.Add(page);
        }

        var resumed = new List<string>();
        await foreach (var page in PageIterator.IterateAsync(Serve(new Queue<string>()), x => x, pages[0].NextPageToken, CancellationToken.None))
        {
            resumed.AddRange(page.Items);
        }

        Assert.Equal(3, pages.Count);
        Assert.Null(pages[0].PageToken);
        Assert.True(pages[^1].IsLast);
        Assert.Equal(Items[3..], resumed);
    }

    [Fact]
    public async Task A_page_token_that_never_advances_ends_in_a_bad_response_error()
    {
        Func<string?, CancellationToken, Task<TikTokShopResult<Page<string>>>> stuck = (token, _) =>
            Task.FromResult(TikTokShopResult.Success(new Page<string>(["a"], token, "same", null), null, 0));

        var error = await Assert.ThrowsAsync<TikTokShopException>(async () =>
        {
            await foreach (var _ in PageIterator.IterateAsync(stuck, x => x, null, CancellationToken.None))
            {
            }
        });

        Assert.Equal(ErrorCategory.BadResponse, error.Error.Category);
    }

    private static Func<string?, CancellationToken, Task<TikTokShopResult<Page<string>>>> Serve(Queue<string> faults) => (token, _) =>
    {
        var offset = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        var items = Items.Skip(offset).Take(3).ToList();
        var next = offset + items.Count < Items.Length ? (offset + items.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        switch (faults.Count > 0 ? faults.Dequeue() : "none")
        {
            case "duplicate":
                next = token ?? "0";
                break;
            case "reverse":
                items.Reverse();
                break;
        }

        return Task.FromResult(TikTokShopResult.Success(new Page<string>(items, token, next, Items.Length), null, 0));
    };
}
