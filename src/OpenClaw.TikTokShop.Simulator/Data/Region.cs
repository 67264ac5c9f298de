using System.Globalization;

namespace OpenClaw.TikTokShop.Simulator.Data;

/// <summary>A TikTok Shop market: currency, minor units, IANA time zone and a fixed USD rate for analytics.</summary>
public sealed record Region(string Code, string Currency, int MinorUnits, string TimeZoneId, decimal UnitsPerUsd, decimal ShippingFee)
{
    /// <summary>The markets the generator spreads shops across (US, UK and South-East Asia).</summary>
    public static readonly IReadOnlyList<Region> All =
    [
        new("US", "USD", 2, "America/Los_Angeles", 1m, 4.99m),
        new("UK", "GBP", 2, "Europe/London", 0.79m, 3.49m),
        new("MY", "MYR", 2, "Asia/Kuala_Lumpur", 4.7m, 6m),
        new("TH", "THB", 2, "Asia/Bangkok", 36m, 40m),
        new("PH", "PHP", 2, "Asia/Manila", 56m, 60m),
        new("VN", "VND", 0, "Asia/Ho_Chi_Minh", 25000m, 20000m),
        new("ID", "IDR", 0, "Asia/Jakarta", 15500m, 12000m),
    ];

    /// <summary>The local days of the region's zone, resolved once (IANA ids resolve on Linux without ICU).</summary>
    public LocalCalendar Calendar { get; } = new(TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));

    /// <summary>The zone.</summary>
    public TimeZoneInfo TimeZone => Calendar.Zone;

    /// <summary>Rounds to the currency's minor units.</summary>
    public decimal Round(decimal amount) => Math.Round(amount, MinorUnits, MidpointRounding.AwayFromZero);

    /// <summary>Formats an amount as TikTok does: a decimal string in the currency's minor units.</summary>
    public string Format(decimal amount) => Round(amount).ToString(MinorUnits == 0 ? "0" : "0.00", CultureInfo.InvariantCulture);

    /// <summary>The shop-local date of a Unix time.</summary>
    public DateOnly LocalDate(long unixSeconds) => Calendar.DateOf(unixSeconds);

    /// <summary>Unix time of local midnight starting <paramref name="date"/>.</summary>
    public long LocalMidnight(DateOnly date) => Calendar.Midnight(date);
}
