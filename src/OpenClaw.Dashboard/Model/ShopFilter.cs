namespace OpenClaw.Dashboard.Model;

/// <summary>The overview's filters, exactly as they appear in the query string.</summary>
/// <param name="Search">Part of the shop name or id (case-insensitive).</param>
/// <param name="Region">Two-letter region.</param>
/// <param name="Status">Status, snake_case.</param>
/// <param name="Tag">A tag.</param>
/// <param name="Health">good, warning or critical.</param>
public sealed record ShopFilter(string? Search, string? Region, string? Status, string? Tag, string? Health)
{
    /// <summary>The rows that pass every filter set.</summary>
    public IEnumerable<ShopRow> Apply(IEnumerable<ShopRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var search = Search?.Trim();
        return rows.Where(r =>
            (string.IsNullOrEmpty(search) || r.Shop.ShopName.Contains(search, StringComparison.OrdinalIgnoreCase)
                || r.Shop.ShopId.Contains(search, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(Region) || r.Shop.Region == Region)
            && (string.IsNullOrEmpty(Status) || r.Shop.Status == Status)
            && (string.IsNullOrEmpty(Tag) || r.Tags.Contains(Tag))
            && (string.IsNullOrEmpty(Health) || r.Level.ToString().Equals(Health, StringComparison.OrdinalIgnoreCase)));
    }
}
