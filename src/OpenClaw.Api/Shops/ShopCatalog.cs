using OpenClaw.Api.Model;
using OpenClaw.Grains.ReadModels;
using OpenClaw.Grains.Sync;

namespace OpenClaw.Api.Shops;

/// <summary>
/// Cross-shop reads from the read models (ARCHITECTURE §3): the tenant's index, then the summaries in pipelined
/// batches; never a call per grain.
/// </summary>
public sealed class ShopCatalog(TenantIndex index, ShopReadModel summaries)
{
    /// <summary>Most summaries read per Redis round trip.</summary>
    public const int BatchSize = 200;

    /// <summary>One page of the tenant's shops, ordered by shop id, after the query's cursor and matching its filters.</summary>
    public async Task<ShopPage> ListAsync(string tenantId, ShopQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = query.Limit ?? ShopQuery.DefaultLimit;
        var ids = await index.ReadAsync(tenantId).ConfigureAwait(false);
        var after = query.After;
        var remaining = after is null ? ids : [.. ids.Where(id => string.CompareOrdinal(id, after) > 0)];
        var items = new List<ShopListItem>(limit + 1);
        // Read no more summaries than the page still needs (plus one to know a next page exists): each is a JSON parse.
        for (var offset = 0; offset < remaining.Count && items.Count <= limit;)
        {
            var batch = remaining.Skip(offset).Take(Math.Clamp(limit + 1 - items.Count, 1, BatchSize)).ToList();
            offset += batch.Count;
            var reports = await summaries.ReadAsync(batch).ConfigureAwait(false);
            items.AddRange(reports.Where(r => Matches(r, tenantId, query)).OrderBy(r => r.Shop.ShopId, StringComparer.Ordinal).Select(ShopListItem.From));
        }

        return items.Count > limit
            ? new ShopPage(items[..limit], ShopQuery.EncodeCursor(items[limit - 1].ShopId))
            : new ShopPage(items, null);
    }

    /// <summary>The shop's summary when it belongs to <paramref name="tenantId"/>; null otherwise (unknown or another tenant's).</summary>
    public async Task<ShopSyncReport?> FindAsync(string tenantId, string shopId)
    {
        var reports = await summaries.ReadAsync([shopId]).ConfigureAwait(false);
        return reports.FirstOrDefault(r => r.Shop.TenantId == tenantId);
    }

    private static bool Matches(ShopSyncReport report, string tenantId, ShopQuery query) =>
        report.Shop.TenantId == tenantId
        && (query.StatusFilter is not { } status || report.Shop.Status == status)
        && (query.Region is null || string.Equals(report.Shop.Region, query.Region, StringComparison.Ordinal))
        && (query.Tag is null || (report.Shop.Settings.Tags ?? []).Contains(query.Tag, StringComparer.Ordinal));
}
