using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenClaw.Grains.OpsErrors;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Errors;
using StackExchange.Redis;

namespace OpenClaw.Grains.Tests.OpsErrors;

/// <summary>The book and the search on a real Garnet/Redis: grouping, index-driven filters, paging, retention.</summary>
[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class OpsErrorBookTests : IAsyncLifetime
{
    private const string Orders = "/order/202309/orders/search";
    private const string Products = "/product/202309/products/search";
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly string tenant = "t-book-" + Guid.NewGuid().ToString("N")[..8];
    private ConnectionMultiplexer redis = null!;
    private OpsErrorBook book = null!;
    private OpsErrorSearch search = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        redis = await ConnectionMultiplexer.ConnectAsync((await SharedRedis.GetAsync()).ConnectionString);
        var options = Options.Create(new OpsErrorOptions());
        book = new OpsErrorBook(redis, options, time, NullLogger<OpsErrorBook>.Instance);
        search = new OpsErrorSearch(redis, options, time);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await redis.DisposeAsync();

    /// <summary>A failed call as the client reports it.</summary>
    public static FailedCall Call(string path, string key, int? http, int retries = 0, bool recovered = false, string? response = null, string? message = null) =>
        new("POST", path, new TikTokShopError(http, ErrorCatalogue.Get(key).Code, message ?? "failed", "2026113008000000000000000000000001", path, ErrorCatalogue.Get(key)),
            retries, recovered, "POST " + path + "?page_size=100", response);

    [Fact]
    public async Task Record_SameShopEndpointCode_GroupsOccurrencesAndKeepsWorstRetries()
    {
        await book.RecordAsync(tenant, "s1", Call(Orders, "36009003", 500, retries: 3));
        time.Advance(TimeSpan.FromMinutes(1));
        await book.RecordAsync(tenant, "s1", Call(Orders, "36009003", 500, retries: 1, recovered: true));

        var (items, next) = await search.SearchAsync(tenant, new OpsErrorFilter(), 10, null, Ct);

        var group = Assert.Single(items);
        Assert.Null(next);
        Assert.Equal(("s1", Orders, "36009003", 36009003, 500), (group.ShopId, group.Endpoint, group.Code, group.TikTokCode, group.HttpStatus));
        Assert.Equal((2L, 1L, 3, 1), (group.Occurrences, group.Recovered, group.MaxRetries, group.LastRetries));
        Assert.Equal(TimeSpan.FromMinutes(1), group.LastSeen - group.FirstSeen);
        Assert.Equal(ErrorCatalogue.Get("36009003").DiagnosisZh, group.DiagnosisZh);
    }

    [Fact]
    public async Task Search_EachFilter_ReturnsExactlyTheMatchingGroups()
    {
        await book.RecordAsync(tenant, "s1", Call(Orders, "36009003", 500, retries: 3));
        await book.RecordAsync(tenant, "s1", Call(Products, "36009002", 429, retries: 1, recovered: true));
        await book.RecordAsync(tenant, "s2", Call(Orders, "http_503", 503, retries: 2, recovered: true));
        var early = time.GetUtcNow();
        time.Advance(TimeSpan.FromHours(2));
        await book.RecordAsync(tenant, "s2", Call(Products, "bad_response", 200));
        await book.RecordAsync(tenant, "s3", Call(Orders, "timeout", null, retries: 12));

        Assert.Equal(["s1|/order/202309/orders/search|36009003"], await GroupsAsync(new(Code: "36009003")));
        Assert.Equal(["s2|/order/202309/orders/search|http_503"], await GroupsAsync(new(HttpStatus: 503)));
        Assert.Equal(["s1|/product/202309/products/search|36009002", "s2|/product/202309/products/search|bad_response"], await GroupsAsync(new(Endpoint: Products)));
        Assert.Equal(["s2|/order/202309/orders/search|http_503", "s2|/product/202309/products/search|bad_response"], await GroupsAsync(new(ShopId: "s2")));
        Assert.Equal(["s1|/order/202309/orders/search|36009003", "s2|/order/202309/orders/search|http_503", "s3|/order/202309/orders/search|timeout"],
            await GroupsAsync(new(MinRetries: 2)));
        Assert.Equal(["s3|/order/202309/orders/search|timeout"], await GroupsAsync(new(MinRetries: 11)));
        Assert.Equal(["s1|/order/202309/orders/search|36009003", "s1|/product/202309/products/search|36009002", "s2|/order/202309/orders/search|http_503"],
            await GroupsAsync(new(To: early)));
        Assert.Equal(["s2|/product/202309/products/search|bad_response", "s3|/order/202309/orders/search|timeout"], await GroupsAsync(new(From: early.AddMinutes(1))));
        Assert.Equal(["s2|/order/202309/orders/search|http_503"], await GroupsAsync(new(Endpoint: Orders, ShopId: "s2", MinRetries: 1, To: early)));
        Assert.Empty(await GroupsAsync(new(Code: "36009003", ShopId: "s2")));
        Assert.Empty(await search.SearchAsync("another-" + tenant, new OpsErrorFilter(), 100, null, Ct) is var (other, _) ? other : []);
    }

    [Fact]
    public async Task Search_PagedByCursor_VisitsEveryGroupOnceNewestFirst()
    {
        for (var i = 0; i < 23; i++)
        {
            await book.RecordAsync(tenant, "s" + (i % 5), Call("/p/" + i, "36009003", 500));
            if (i % 3 == 0)
            {
                time.Advance(TimeSpan.FromMilliseconds(1)); // runs of equal last-seen scores across page boundaries
            }
        }

        var seen = new List<OpsErrorRecord>();
        OpsErrorCursor? cursor = null;
        do
        {
            var (items, next) = await search.SearchAsync(tenant, new OpsErrorFilter(), 4, OpsErrorCursor.TryDecode(cursor?.Encode()), Ct);
            Assert.True(items.Count <= 4);
            seen.AddRange(items);
            cursor = next;
        }
        while (cursor is not null);

        Assert.Equal(23, seen.Select(r => r.GroupId).Distinct().Count());
        Assert.Equal(23, seen.Count);
        Assert.Equal(seen.OrderByDescending(r => r.LastSeen).Select(r => r.LastSeen), seen.Select(r => r.LastSeen));
    }

    [Fact]
    public async Task ReadAll_AcrossReadAheadBatches_StreamsEveryGroupOnceNewestFirst()
    {
        // 2,310 groups (more than two streaming batches of 1,000), recorded 70 at a time on one clock tick: runs of
        // equal last-seen scores straddle the batch boundaries.
        for (var chunk = 0; chunk < 33; chunk++)
        {
            await Task.WhenAll(Enumerable.Range(chunk * 70, 70).Select(i => book.RecordAsync(tenant, "s" + (i % 7), Call("/p/" + i, "36009003", 500)).AsTask()));
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var seen = new List<OpsErrorRecord>();
        await foreach (var record in search.ReadAllAsync(tenant, new OpsErrorFilter(), Ct))
        {
            seen.Add(record);
        }

        Assert.Equal(2_310, seen.Count);
        Assert.Equal(2_310, seen.Select(r => r.GroupId).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(r => r.LastSeen).Select(r => r.LastSeen), seen.Select(r => r.LastSeen));
    }

    [Fact]
    public async Task Record_OlderThanRetention_DisappearsFromSearchAndIndexes()
    {
        await book.RecordAsync(tenant, "old", Call(Orders, "36009003", 500, retries: 2));
        var db = redis.GetDatabase();
        var ttl = await db.KeyTimeToLiveAsync(OpsErrorKeys.Group(tenant, OpsErrorKeys.GroupId("old", Orders, "36009003")));
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7));

        time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Empty(await GroupsAsync(new()));
        await book.RecordAsync(tenant, "new", Call(Orders, "36009003", 500, retries: 2));

        Assert.Equal(["new|/order/202309/orders/search|36009003"], await GroupsAsync(new()));
        foreach (var index in new[] { OpsErrorKeys.All(tenant), OpsErrorKeys.Code(tenant, "36009003"), OpsErrorKeys.Endpoint(tenant, Orders), OpsErrorKeys.Retries(tenant, 2) })
        {
            Assert.Null(await db.SortedSetScoreAsync(index, OpsErrorKeys.GroupId("old", Orders, "36009003")));
            Assert.NotNull(await db.SortedSetScoreAsync(index, OpsErrorKeys.GroupId("new", Orders, "36009003")));
        }
    }

    [Fact]
    public async Task Record_StoreUnreachable_DoesNotThrow()
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{FreePort.Next()}");
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 200;
        options.AsyncTimeout = 200;
        using var dead = await ConnectionMultiplexer.ConnectAsync(options);
        var lost = new OpsErrorBook(dead, Options.Create(new OpsErrorOptions()), time, NullLogger<OpsErrorBook>.Instance);

        await lost.RecordAsync(tenant, "s1", Call(Orders, "36009003", 500));
    }

    private async Task<string[]> GroupsAsync(OpsErrorFilter filter)
    {
        var (items, _) = await search.SearchAsync(tenant, filter, 100, null, Ct);
        return [.. items.Select(r => r.GroupId).Order(StringComparer.Ordinal)];
    }
}
