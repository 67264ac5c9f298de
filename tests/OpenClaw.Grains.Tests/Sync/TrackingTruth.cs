using System.Net.Http.Json;
using System.Text.Json;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.Grains.Sync.Fetchers;
using OpenClaw.TestSupport;
using OpenClaw.TikTokShop;
using OpenClaw.TikTokShop.Auth;
using OpenClaw.TikTokShop.Calls;
using OpenClaw.TikTokShop.Configuration;
using OpenClaw.TikTokShop.Fulfillment;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>What <see cref="TrackingTruth.CompareAsync"/> found.</summary>
/// <param name="FinalPackages">Final packages (COMPLETED, or CANCELLED after shipment) the simulator's API lists, over every shop.</param>
/// <param name="Differences">The first 20 differences, one line each; empty when every final package's tracking is stored as the simulator shows it.</param>
public sealed record TrackingComparison(int FinalPackages, IReadOnlyList<string> Differences);

/// <summary>
/// Checks the tracking the grains stored against the simulator over its real API: every final package's order
/// (<see cref="PackageFetcher.IsFinal"/>, packages listed by an unfiltered search) has a stored tracking entity equal
/// to the simulator's scans (projected as the grains project them), and no other order has one. The test's own
/// grant comes from a fresh authorization code, so the grains' tokens are untouched.
/// </summary>
public static class TrackingTruth
{
    /// <summary>
    /// Waits until no shop has tracking waiting (both lists empty). The drain runs at backfill priority, so its speed
    /// follows the budget (injected 429s halve the app's rate): past <paramref name="timeout"/> the wait goes on while
    /// the fleet's pending count keeps falling (at least once every <see cref="DrainStall"/>), up to three times
    /// <paramref name="timeout"/>; it fails at once when the count stops falling for longer than that.
    /// </summary>
    public static async Task WaitDrainedAsync(SyncFixture fixture, IReadOnlyList<string> shopIds, TimeSpan timeout)
    {
        var started = DateTime.UtcNow;
        var (fewest, lastProgress) = (long.MaxValue, started);
        while (true)
        {
            var counts = await Task.WhenAll(shopIds.Select(id => fixture.Tracking.CountAsync(id)));
            var pending = counts.Sum(c => c.Due + c.Backlog);
            if (pending == 0)
            {
                return;
            }

            var now = DateTime.UtcNow;
            if (pending < fewest)
            {
                (fewest, lastProgress) = (pending, now);
            }

            var stalled = now - lastProgress > DrainStall;
            if ((now - started > timeout && stalled) || now - started > 3 * timeout)
            {
                var waiting = shopIds.Zip(counts).First(p => p.Second.Due + p.Second.Backlog > 0);
                var report = await fixture.Cluster.Client.GetGrain<IShopGrain>(waiting.First).GetSyncReportAsync();
                throw new TimeoutException(
                    $"after {(now - started).TotalSeconds:0} s tracking was not drained: {pending} orders still wait over {counts.Count(c => c.Due + c.Backlog > 0)} shops, " +
                    $"the last fall {(now - lastProgress).TotalSeconds:0} s ago; {waiting.First}: {waiting.Second.Due} due, {waiting.Second.Backlog} in the backlog; " +
                    $"packages: {report.Domains.First(d => d.Domain == SyncDomain.Packages)}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>How long the pending tracking may stay flat before a drain past its timeout counts as stuck.</summary>
    public static readonly TimeSpan DrainStall = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Compares every shop in <paramref name="shopIds"/>; with <paramref name="finalBefore"/> (a running clock) only
    /// packages whose last change is before it are expected to have tracking, and later ones may.
    /// </summary>
    public static async Task<TrackingComparison> CompareAsync(
        SyncFixture fixture, IReadOnlyList<string> shopIds, CancellationToken cancellationToken, DateTimeOffset? finalBefore = null)
    {
        var options = new TikTokShopOptions
        {
            AppKey = "openclaw-demo-app", AppSecret = "openclaw-demo-secret", ServiceId = "7000000000000000001",
            ApiBaseUrl = fixture.SimulatorUrl, AuthBaseUrl = fixture.SimulatorUrl, AuthorizeBaseUrl = fixture.SimulatorUrl,
            RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(2),
        };
        using var http = new HttpClient();
        var client = new TikTokShopClient(http, options);
        var auth = new TikTokShopAuthClient(http, options);
        var shops = await fixture.Simulator.GetFromJsonAsync<JsonElement>("/_sim/shops", cancellationToken);
        var ciphers = shops.EnumerateArray().ToDictionary(s => s.GetProperty("shop_id").GetString()!, s => s.GetProperty("cipher").GetString()!);
        var differences = new List<string>();
        var finals = 0;
        foreach (var shopId in shopIds)
        {
            var grant = (await auth.ExchangeCodeAsync(await fixture.AuthCodeAsync(shopId), cancellationToken)).GetValueOrThrow();
            var access = new ShopAccess(shopId, ciphers[shopId], grant.AccessToken);
            var expected = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var page in client.Fulfillment.SearchPackagePagesAsync(access, new PackageSearchQuery { PageSize = 50 }, cancellationToken: cancellationToken))
            {
                foreach (var package in page.Items.Where(PackageFetcher.IsFinal))
                {
                    var orderId = package.Orders![0].Id;
                    expected.Add(orderId);
                    if (package.UpdateTime >= finalBefore)
                    {
                        continue;
                    }

                    var scans = (await client.Fulfillment.GetTrackingAsync(access, orderId, cancellationToken: cancellationToken)).GetValueOrThrow();
                    var want = EntityProjection.Of(orderId, package.Id, scans, package.UpdateTime);
                    var got = await fixture.Store.GetAsync(shopId, EntityKind.Tracking, orderId);
                    if (got is null)
                    {
                        differences.Add($"{shopId} order {orderId} ({package.Status}): no tracking stored, the simulator has {scans.Count} scans");
                    }
                    else if (got.Json != want.Json || got.UpdateTime != want.UpdateTime)
                    {
                        differences.Add($"{shopId} order {orderId}: stored {got.Json} @{got.UpdateTime:O}, simulator {want.Json} @{want.UpdateTime:O}");
                    }
                }
            }

            finals += expected.Count;
            await foreach (var stored in fixture.Store.ReadAllAsync(shopId, EntityKind.Tracking).WithCancellation(cancellationToken))
            {
                if (!expected.Contains(stored.Id))
                {
                    differences.Add($"{shopId} order {stored.Id}: tracking stored, but its package is not final");
                }
            }
        }

        return new TrackingComparison(finals, [.. differences.Take(TruthComparison.MaxLines)]);
    }
}
