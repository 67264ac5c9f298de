using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using OpenClaw.Grains.Entities;
using OpenClaw.Grains.Shops;
using OpenClaw.Grains.Sync;
using OpenClaw.TestSupport;

namespace OpenClaw.Grains.Tests.Sync;

/// <summary>Compares what the grains stored with the simulator's per-entity ground truth, and waits for sync to catch up.</summary>
public static class GroundTruth
{
    /// <summary>Simulator truth kind → stored entity kind.</summary>
    public static readonly IReadOnlyList<(string Truth, string Stored)> Kinds =
    [
        ("orders", EntityKind.Order), ("returns", EntityKind.Return), ("cancellations", EntityKind.Cancellation),
        ("packages", EntityKind.Package), ("products", EntityKind.Product),
    ];

    /// <summary>Waits until every windowed domain of every shop has backfilled and its watermark has passed the simulator's now.</summary>
    public static async Task WaitCaughtUpAsync(SyncFixture fixture, IReadOnlyList<string> shopIds, TimeSpan timeout)
    {
        var target = fixture.Clock.Now;
        string last = "";
        await Eventually.TrueAsync(async () =>
        {
            foreach (var id in shopIds)
            {
                var report = await fixture.Cluster.Client.GetGrain<IShopGrain>(id).GetSyncReportAsync();
                var behind = report.Domains.Where(d => d.Domain is not (SyncDomain.Warehouses or SyncDomain.Performance))
                    .FirstOrDefault(d => !d.BackfillComplete || d.Watermark is not { } w || w <= target || d.InProgress);
                if (behind is not null || report.PendingTargeted > 0)
                {
                    var usage = await fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<OpenClaw.Grains.Budget.RateBudget>().GetUsageAsync();
                    last = $"budget {usage.EffectivePerAppPerSecond}/s of {usage.PerAppPerSecond}/s, recent {usage.RecentPerSecond}/s, paused {usage.PausedUntil}; "
                        + $"{id} {report.Shop.Status} token={report.Token.Status}, simulator requests {fixture.Requests.Requests.Values.Sum()}, "
                        + $"targeted {report.PendingTargeted}, behind: {behind}; all: {string.Join(" | ", report.Domains.Select(d => $"{d.Domain} p={d.Pages} bf={d.BackfillDoneBackTo:MM-dd HH:mm} err={d.LastError}"))}";
                    return false;
                }
            }

            return true;
        }, timeout, () => "sync did not catch up: " + last);
    }

    /// <summary>Every difference between stored entities and the truth (empty when equal), at most 20 lines.</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(SyncFixture fixture, IReadOnlyList<string> shopIds)
    {
        var differences = new List<string>();
        var compared = 0;
        foreach (var shopId in shopIds)
        {
            foreach (var (truthKind, storedKind) in Kinds)
            {
                var truth = await fixture.Simulator.GetFromJsonAsync<JsonElement>($"/_sim/truth/{shopId}/entities?kind={truthKind}");
                var expected = truth.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, Describe, StringComparer.Ordinal);
                var stored = new Dictionary<string, string>(StringComparer.Ordinal);
                await foreach (var entity in fixture.Store.ReadAllAsync(shopId, storedKind))
                {
                    using var json = JsonDocument.Parse(entity.Json);
                    stored[entity.Id] = $"{json.RootElement.GetProperty("status").GetString()} @{entity.UpdateTime.ToUnixTimeSeconds()}"
                        + (json.RootElement.TryGetProperty("audit_status", out var audit) ? " audit=" + audit.GetString() : "");
                }

                Assert.True(expected.Count > 0 || truthKind is "returns" or "cancellations", $"the simulator has no {truthKind} for {shopId}: the comparison would prove nothing");
                compared += expected.Count;
                foreach (var (id, want) in expected)
                {
                    if (!stored.TryGetValue(id, out var got))
                    {
                        differences.Add($"{shopId} {truthKind} {id}: missing (truth {want})");
                    }
                    else if (got != want)
                    {
                        differences.Add($"{shopId} {truthKind} {id}: stored {got}, truth {want}");
                    }
                }

                differences.AddRange(stored.Keys.Where(id => !expected.ContainsKey(id)).Select(id => $"{shopId} {truthKind} {id}: stored but not in the truth"));
            }
        }

        TestContext.Current.SendDiagnosticMessage($"compared {compared} entities of {shopIds.Count} shops with the ground truth");
        return [.. differences.Take(20)];
    }

    private static string Describe(JsonElement item)
    {
        string? Field(params string[] names) => names.Select(n => item.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(v => v is not null);
        var status = Field("status", "return_status", "cancel_status", "package_status");
        var audit = Field("audit_status");
        return $"{status} @{item.GetProperty("update_time").GetInt64()}" + (audit is null ? "" : " audit=" + audit);
    }
}
