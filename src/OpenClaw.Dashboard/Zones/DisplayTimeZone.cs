namespace OpenClaw.Dashboard.Zones;

/// <summary>
/// The time zone the operator reads the dashboard in, per circuit: shop-local (the default: each shop's own zone where a
/// page shows one shop, UTC where it mixes shops) or one IANA zone for everything. Chosen in the header, kept in the
/// <see cref="CookieName"/> cookie (a year), and handed to the interactive root by the host page.
/// </summary>
public sealed class DisplayTimeZone
{
    /// <summary>Cookie that keeps the choice.</summary>
    public const string CookieName = ".OpenClaw.TimeZone";

    /// <summary>The cookie and selector value of the default.</summary>
    public const string ShopLocal = "shop";

    /// <summary>Zones offered besides shop-local: UTC and the regions TikTok Shop sells in, plus where agencies sit.</summary>
    public static readonly IReadOnlyList<string> Choices =
    [
        "UTC", "Asia/Shanghai", "Asia/Singapore", "Asia/Kuala_Lumpur", "Asia/Bangkok", "Asia/Ho_Chi_Minh", "Asia/Jakarta", "Asia/Manila",
        "Asia/Tokyo", "Europe/London", "Europe/Madrid", "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Mexico_City",
    ];

    /// <summary>The chosen IANA zone, or null for shop-local.</summary>
    public string? Id { get; private set; }

    /// <summary>Takes the cookie's value; anything not offered means shop-local.</summary>
    public void Set(string? value) => Id = Normalize(value);

    /// <summary>The offered zone <paramref name="value"/> names, or null (shop-local, unknown or empty).</summary>
    public static string? Normalize(string? value) =>
        value is not null && Choices.Contains(value, StringComparer.Ordinal) && Find(value) is not null ? value : null;

    /// <summary>Where times are shown: the chosen zone, else the shop's (<paramref name="shopZone"/>), else UTC.</summary>
    public TimeZoneInfo For(string? shopZone = null) => Find(Id ?? shopZone) ?? TimeZoneInfo.Utc;

    /// <summary>"Today" in the zone times are shown in: the last day of a metrics range.</summary>
    public DateOnly Today(TimeProvider time, string? shopZone = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), For(shopZone)).DateTime);
    }

    private static TimeZoneInfo? Find(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
