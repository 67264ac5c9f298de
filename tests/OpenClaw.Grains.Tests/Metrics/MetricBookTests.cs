using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Metrics.Storage;
using OpenClaw.Grains.Tests.EntityStorage;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Metrics;

/// <summary>Books over the entity store tests' connection (Garnet with Lua transactions, or redis-server).</summary>
internal static class TestBooks
{
    public static MetricBook Book(this EntityStoreFixture fixture, int retentionDays = 90) =>
        new(fixture.Connection, fixture.Store, Options.Create(new MetricsOptions { RetentionDays = retentionDays, RebuildBatch = 10, SweepBatch = 10 }));
}

[Trait(RedisTrait.Name, RedisTrait.Value)]
public sealed class MetricBookTests(EntityStoreFixture fixture) : IClassFixture<EntityStoreFixture>
{
    // Noon UTC today: bucket expiry is absolute (EXPIREAT), so the book's now must be close to the server's clock.
    private static readonly DateTimeOffset Now = new(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero);
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private readonly string _shop = "shop-" + Guid.NewGuid().ToString("N");

    private static EntityVersion Version(StoredOrder o) => new(EntityKind.Order, o.Id, o.UpdateTime, JsonSerializer.Serialize(o, StoredEntityJson.Default.StoredOrder));

    private static EntityVersion Version(StoredReturn r) => new(EntityKind.Return, r.Id, r.UpdateTime, JsonSerializer.Serialize(r, StoredEntityJson.Default.StoredReturn));

    private static StoredOrder Paid(string id, DateTimeOffset paid, decimal total = 10m) =>
        OrderContributionTests.Order("AWAITING_SHIPMENT", paid, paid, total) with { Id = id };

    private async Task<MetricApplyResult> StoreAndApplyAsync(MetricBook book, params EntityVersion[] page)
    {
        await fixture.Store.UpsertAsync(_shop, page);
        return await book.ApplyAsync(_shop, LosAngeles, TouchedGroups.Of(page), Now);
    }

    // The Los Angeles date of Now + days (noon UTC is early morning there: the same date).
    private static string Day(int days) => Grains.Metrics.MetricContribution.Day(DateOnly.FromDateTime(Now.AddDays(days).UtcDateTime));

    private async Task<Dictionary<string, long>> BucketAsync(string day) =>
        (await fixture.Database.HashGetAllAsync(MetricKeys.Bucket(_shop, day))).ToDictionary(e => e.Name.ToString(), e => (long)e.Value);

    [Fact]
    public async Task Apply_SamePageTwice_BucketsUnchanged()
    {
        var book = fixture.Book();
        var page = new[] { Version(Paid("o1", Now.AddDays(-2))), Version(Paid("o2", Now.AddDays(-2), 5.5m)) };

        var first = await StoreAndApplyAsync(book, page);
        var before = await BucketAsync(Day(-2));
        var second = await StoreAndApplyAsync(book, page);

        Assert.Equal(2, first.Changed);
        Assert.Equal(0, second.Changed);
        Assert.Equal(before, await BucketAsync(Day(-2)));
        Assert.Equal(2, before["orders_paid"]);
        Assert.Equal(1550, before["gmv"]);
        Assert.True(await fixture.Database.KeyTimeToLiveAsync(MetricKeys.Bucket(_shop, Day(-2))) > TimeSpan.FromDays(85), "a day bucket expires after the retention");
    }

    [Fact]
    public async Task Apply_OrderCancelledLater_MovesOnlyTheChangedFields()
    {
        var book = fixture.Book();
        var paid = Paid("o1", Now.AddDays(-3));
        await StoreAndApplyAsync(book, Version(paid));
        var cancelled = paid with { Status = "CANCELLED", CancelTime = Now.AddDays(-1), UpdateTime = Now.AddDays(-1), CancellationInitiator = "SELLER" };

        await StoreAndApplyAsync(book, Version(cancelled));
        await StoreAndApplyAsync(book, Version(paid)); // a late, older page: the store keeps the newer version

        Assert.Equal(1, (await BucketAsync(Day(-3)))["orders_paid"]);
        var cancelDay = await BucketAsync(Day(-1));
        Assert.Equal(1, cancelDay["orders_cancelled"]);
        Assert.Equal(1, cancelDay["orders_cancelled_seller"]);
    }

    [Fact]
    public async Task Apply_ReturnBeforeItsOrder_ReclassifiedWhenTheOrderArrives()
    {
        var book = fixture.Book();
        var order = OrderContributionTests.Order("DELIVERED", Now.AddDays(-6), Now.AddDays(-6), rts: Now.AddDays(-5), delivered: Now.AddDays(-3));
        var request = new StoredReturn("r1", order.Id, "REFUND", "RETURN_OR_REFUND_REQUEST_PENDING", "BUYER", "wrong_item", null, "USD", 10m, Now.AddDays(-1), Now.AddDays(-1));

        await StoreAndApplyAsync(book, Version(request));
        Assert.Equal(1, (await BucketAsync(Day(-1)))["returns_requested:unclassified"]);

        await StoreAndApplyAsync(book, Version(order)); // the order page knows nothing of the return: the ledger does
        var day = await BucketAsync(Day(-1));
        Assert.False(day.ContainsKey("returns_requested:unclassified"), "a field back at 0 is removed");
        Assert.Equal(1, day["returns_requested:return_after_delivery"]);
        Assert.Equal(1, day["w:w1:returns_requested"]);
    }

    [Fact]
    public async Task Apply_DaysBeyondRetention_NotWrittenAndSwept()
    {
        var book = fixture.Book(retentionDays: 7);
        await StoreAndApplyAsync(book, Version(Paid("old", Now.AddDays(-20))), Version(Paid("new", Now.AddDays(-2))));

        Assert.False(await fixture.Database.KeyExistsAsync(MetricKeys.Bucket(_shop, Day(-20))));
        Assert.Equal(1, (await BucketAsync(Day(-2)))["orders_paid"]);

        long cursor = 0;
        var removed = 0;
        do
        {
            (cursor, var n) = await book.SweepStepAsync(_shop, LosAngeles, Now, cursor);
            removed += n;
        }
        while (cursor != 0);

        Assert.Equal(1, removed);
        Assert.False(await fixture.Database.HashExistsAsync(MetricKeys.Ledger(_shop), "o:old"));
        Assert.True(await fixture.Database.HashExistsAsync(MetricKeys.Ledger(_shop), "o:new"));
    }

    [Fact]
    public async Task Sweep_OrderGroupBeyondRetention_ItsStoredEntitiesLeaveTheStore_RecentAndNotYetCountingGroupsStay()
    {
        var book = fixture.Book(retentionDays: 7);
        var old = Paid("old", Now.AddDays(-30)) with { PackageIds = ["pk-old"] };
        var recent = Paid("new", Now.AddDays(-2)) with { PackageIds = ["pk-new"] };
        var refund = new StoredReturn("r-old", "old", "REFUND", "RETURN_OR_REFUND_REQUEST_COMPLETE", "BUYER", null, null, "USD", 10m, Now.AddDays(-25), Now.AddDays(-24));
        var cancel = new StoredCancellation("c-new", "new", "CANCEL", "CANCELLATION_REQUEST_PENDING", "BUYER", null, null, "USD", 10m, Now.AddDays(-1), Now.AddDays(-1));
        // A cancellation stored before its order: its group counts nothing yet, and must keep it for the order.
        var early = cancel with { Id = "c-early", OrderId = "later" };
        await StoreAndApplyAsync(book, Version(old), Version(recent), Version(refund),
            new(EntityKind.Cancellation, early.Id, early.UpdateTime, JsonSerializer.Serialize(early, StoredEntityJson.Default.StoredCancellation)),
            new(EntityKind.Cancellation, cancel.Id, cancel.UpdateTime, JsonSerializer.Serialize(cancel, StoredEntityJson.Default.StoredCancellation)),
            Package("pk-old", "old", Now.AddDays(-28)), Package("pk-new", "new", Now.AddDays(-1)), Tracking("old", Now.AddDays(-27)), Tracking("new", Now.AddDays(-1)));

        long cursor = 0;
        do
        {
            (cursor, _) = await book.SweepStepAsync(_shop, LosAngeles, Now, cursor);
        }
        while (cursor != 0);

        foreach (var (kind, id) in new[] { (EntityKind.Order, "old"), (EntityKind.Package, "pk-old"), (EntityKind.Tracking, "old"), (EntityKind.Return, "r-old") })
        {
            Assert.True(await fixture.Store.GetAsync(_shop, kind, id) is null, $"{kind} {id} outlived its group's retention");
        }

        foreach (var (kind, id) in new[] { (EntityKind.Order, "new"), (EntityKind.Package, "pk-new"), (EntityKind.Tracking, "new"), (EntityKind.Cancellation, "c-new"), (EntityKind.Cancellation, "c-early") })
        {
            Assert.True(await fixture.Store.GetAsync(_shop, kind, id) is not null, $"{kind} {id} was removed inside the retention");
        }

        Assert.Equal(1, (await BucketAsync(Day(-2)))["orders_paid"]);
        Assert.False(await fixture.Database.HashExistsAsync(MetricKeys.Ledger(_shop), "o:old"));
        Assert.True(await fixture.Database.HashExistsAsync(MetricKeys.Ledger(_shop), "o:later"), "the early cancellation's group lost its members");
    }

    private static EntityVersion Package(string id, string orderId, DateTimeOffset at) =>
        new(EntityKind.Package, id, at, JsonSerializer.Serialize(new StoredPackage(id, "COMPLETED", [orderId], "TT1", "USPS", at, at), StoredEntityJson.Default.StoredPackage));

    private static EntityVersion Tracking(string orderId, DateTimeOffset at) =>
        new(EntityKind.Tracking, orderId, at, JsonSerializer.Serialize(new StoredTracking(orderId, "pk-" + orderId, [new StoredScan("Delivered", at)], at), StoredEntityJson.Default.StoredTracking));

    [Fact]
    public async Task EnsureZone_Changed_RebuildsBucketsInTheNewZone()
    {
        var book = fixture.Book();
        Assert.False(await book.EnsureZoneAsync(_shop, "America/Los_Angeles", Now));
        // 03:00 UTC yesterday: the day before in Los Angeles, yesterday in Bangkok.
        var orders = Enumerable.Range(0, 25).Select(i => Version(Paid("o" + i, Now.AddDays(-1).AddHours(-9)))).ToArray();
        await StoreAndApplyAsync(book, orders);
        Assert.Equal(25, (await BucketAsync(Day(-2)))["orders_paid"]);

        Assert.True(await book.EnsureZoneAsync(_shop, "Asia/Bangkok", Now));
        var bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");
        var steps = 0;
        while (await book.RebuildStepAsync(_shop, bangkok, Now))
        {
            steps++;
        }

        Assert.Empty(await BucketAsync(Day(-2)));
        Assert.Equal(25, (await BucketAsync(Day(-1)))["orders_paid"]);
        Assert.True(steps >= 1, "the rebuild ran in bounded steps");
        Assert.False(await book.EnsureZoneAsync(_shop, "Asia/Bangkok", Now));
    }
}
