using System.Globalization;
using OpenClaw.Api.Model;
using OpenClaw.Api.Shops;

namespace OpenClaw.Api.Metrics;

/// <summary>
/// Paging of the overview's shops (<c>limit</c>, <c>cursor</c>), bound as text so a bad value is a 400 problem naming
/// the parameter. The tenant total covers every shop whatever the page.
/// </summary>
public sealed class OverviewPage
{
    /// <summary>Largest page: the dashboard reads a 1,000-shop tenant in one request.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Page size when none is asked.</summary>
    public const int DefaultLimit = 50;

    private const string CursorPrefix = "overview-after:";

    /// <summary>Page size, 1–1,000 (default 50).</summary>
    public string? Limit { get; init; }

    /// <summary>The <c>next_cursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }

    /// <summary>The page size (after <see cref="Validate"/> found nothing).</summary>
    public int Size => int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : DefaultLimit;

    /// <summary>The shop id the page starts after, or null for the first page.</summary>
    public string? After => Cursor is null ? null : OpaqueCursor.Decode(CursorPrefix, Cursor);

    /// <summary>Adds the problems of <c>limit</c> and <c>cursor</c> to <paramref name="errors"/>.</summary>
    public void Validate(Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Limit is not null && (!int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number between 1 and {MaxLimit}"];
        }

        if (Cursor is not null && (After is not { } after || !ShopIds.IsValid(after)))
        {
            errors["cursor"] = ["cursor is not one this API issued; pass next_cursor unchanged"];
        }
    }

    /// <summary>The cursor of the page after the one ending with <paramref name="lastShopId"/>.</summary>
    public static string CursorAfter(string lastShopId) => OpaqueCursor.Encode(CursorPrefix, lastShopId);

    /// <summary>The key of this page's view of a shared result.</summary>
    public string ViewKey => string.Create(CultureInfo.InvariantCulture, $"page.{After}.{Size}");
}
