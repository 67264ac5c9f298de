using System.Net.Http.Json;
using System.Text.Json;
using OpenClaw.Grains.Entities;

namespace OpenClaw.TestSupport;

/// <summary>What <see cref="TruthComparison.CompareAsync"/> found.</summary>
/// <param name="Compared">Entities in the simulator's truth, over every shop and kind compared.</param>
/// <param name="Stored">Entities stored (hash fields, counted with HLEN), over the same shops and kinds.</param>
/// <param name="DifferenceCount">Every difference found.</param>
/// <param name="Differences">The first 20 differences, one line each; empty when the store equals the truth.</param>
public sealed record TruthComparisonResult(int Compared, long Stored, int DifferenceCount, IReadOnlyList<string> Differences);

/// <summary>
/// Compares what the shop grains stored (<see cref="EntityStore"/>) with the simulator's per-entity ground truth
/// (<c>GET /_sim/truth/{shop}/entities?kind=…</c>): every id present, no id the truth lacks, the same status (and audit
/// status for products) and <c>update_time</c>, and as many hash fields as the truth has entities. Redis keeps one
/// field per entity id, so "nothing duplicated" means no extra id and equal counts. Shared by the in-process sync tests
/// and the multi-process crash tests.
/// </summary>
public static class TruthComparison
{
    /// <summary>Most difference lines returned.</summary>
    public const int MaxLines = 20;

    /// <summary>Simulator truth kind → stored entity kind.</summary>
    public static readonly IReadOnlyList<(string Truth, string Stored)> Kinds =
    [
        ("orders", EntityKind.Order), ("returns", EntityKind.Return), ("cancellations", EntityKind.Cancellation),
        ("packages", EntityKind.Package), ("products", EntityKind.Product),
    ];

    /// <summary>Compares every kind of every shop in <paramref name="shopIds"/>.</summary>
    /// <param name="simulator">A client whose base address is the simulator.</param>
    /// <param name="store">The store the grains wrote.</param>
    /// <param name="shopIds">The shops to compare.</param>
    /// <param name="cancellationToken">Cancels the truth requests.</param>
    /// <exception cref="InvalidOperationException">The simulator has no orders, packages or products for a shop: the comparison would prove nothing.</exception>
    public static async Task<TruthComparisonResult> CompareAsync(
        HttpClient simulator, EntityStore store, IReadOnlyList<string> shopIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(shopIds);
        var differences = new List<string>();
        var compared = 0;
        var storedTotal = 0L;
        foreach (var shopId in shopIds)
        {
            foreach (var (truthKind, storedKind) in Kinds)
            {
                var truth = await simulator.GetFromJsonAsync<JsonElement>($"/_sim/truth/{shopId}/entities?kind={truthKind}", cancellationToken).ConfigureAwait(false);
                var expected = truth.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, Describe, StringComparer.Ordinal);
                if (expected.Count == 0 && truthKind is not ("returns" or "cancellations"))
                {
                    throw new InvalidOperationException($"the simulator has no {truthKind} for {shopId}: the comparison would prove nothing");
                }

                var stored = new Dictionary<string, string>(StringComparer.Ordinal);
                await foreach (var entity in store.ReadAllAsync(shopId, storedKind).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    using var json = JsonDocument.Parse(entity.Json);
                    stored[entity.Id] = $"{json.RootElement.GetProperty("status").GetString()} @{entity.UpdateTime.ToUnixTimeSeconds()}"
                        + (json.RootElement.TryGetProperty("audit_status", out var audit) ? " audit=" + audit.GetString() : "");
                }

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
                var count = await store.CountAsync(shopId, storedKind).ConfigureAwait(false);
                if (count != expected.Count)
                {
                    differences.Add($"{shopId} {truthKind}: {count} stored, {expected.Count} in the truth");
                }

                compared += expected.Count;
                storedTotal += count;
            }
        }

        return new TruthComparisonResult(compared, storedTotal, differences.Count, [.. differences.Take(MaxLines)]);
    }

    private static string Describe(JsonElement item)
    {
        string? Field(params string[] names) => names.Select(n => item.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(v => v is not null);
        var status = Field("status", "return_status", "cancel_status", "package_status");
        var audit = Field("audit_status");
        return $"{status} @{item.GetProperty("update_time").GetInt64()}" + (audit is null ? "" : " audit=" + audit);
    }
}
