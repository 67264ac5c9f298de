using OpenClaw.Grains.Sync;

namespace OpenClaw.Grains.Shops;

/// <summary>Validation and defaults for shop registrations and settings, kept out of the grain so they test without a cluster.</summary>
public static class ShopRules
{
    /// <summary>Longest tag accepted, in characters.</summary>
    public const int MaxTagLength = 64;

    /// <summary>Most tags one shop may carry.</summary>
    public const int MaxTags = 32;

    /// <summary>Most warehouses one shop may name.</summary>
    public const int MaxWarehouses = 200;

    /// <summary>Shortest per-shop sync interval an operator may set (the rate budget still decides the real pace).</summary>
    public static readonly TimeSpan MinSyncInterval = TimeSpan.FromSeconds(30);

    /// <summary>Longest per-shop sync interval an operator may set.</summary>
    public static readonly TimeSpan MaxSyncInterval = TimeSpan.FromDays(7);

    // TikTok Shop reports a market's day in its local zone (contract: "Regions"); other regions fall back to UTC.
    private static readonly Dictionary<string, string> RegionZones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = "America/Los_Angeles",
        ["UK"] = "Europe/London",
        ["GB"] = "Europe/London",
        ["MY"] = "Asia/Kuala_Lumpur",
        ["SG"] = "Asia/Singapore",
        ["TH"] = "Asia/Bangkok",
        ["PH"] = "Asia/Manila",
        ["VN"] = "Asia/Ho_Chi_Minh",
        ["ID"] = "Asia/Jakarta",
        ["MX"] = "America/Mexico_City",
        ["ES"] = "Europe/Madrid",
        ["DE"] = "Europe/Berlin",
        ["FR"] = "Europe/Paris",
        ["IT"] = "Europe/Rome",
        ["JP"] = "Asia/Tokyo",
        ["BR"] = "America/Sao_Paulo",
    };

    /// <summary>The default reporting time zone of a region (IANA id), <c>UTC</c> for a region without one.</summary>
    public static string DefaultTimeZone(string region) =>
        RegionZones.TryGetValue(region, out var zone) ? zone : "UTC";

    /// <summary>Checks a registration.</summary>
    /// <exception cref="ArgumentException">Tenant or shop name empty, or region not two ASCII letters.</exception>
    public static void Validate(ShopRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (string.IsNullOrWhiteSpace(registration.TenantId))
        {
            throw new ArgumentException("tenant id is required", nameof(registration));
        }

        if (string.IsNullOrWhiteSpace(registration.ShopName))
        {
            throw new ArgumentException("shop name is required", nameof(registration));
        }

        if (registration.Region is not { Length: 2 } region || !region.All(char.IsAsciiLetter))
        {
            throw new ArgumentException($"region '{registration.Region}' is not a two-letter TikTok region code", nameof(registration));
        }
    }

    /// <summary>Checks settings and returns them normalised (tags trimmed, de-duplicated, ordered).</summary>
    /// <exception cref="ArgumentException">Unknown IANA time zone; a tag empty, too long, or too many tags; a warehouse id not
    /// digits or a name not 1–64 characters; a sync interval outside 30 s – 7 days.</exception>
    public static ShopSettings Normalise(ShopSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out _))
        {
            throw new ArgumentException($"time zone '{settings.TimeZone}' is not an IANA time zone id (e.g. Asia/Shanghai)", nameof(settings));
        }

        var tags = (settings.Tags ?? []).Select(t => t?.Trim() ?? string.Empty).ToList();
        if (tags.Any(t => t.Length is 0 or > MaxTagLength))
        {
            throw new ArgumentException($"every tag must be 1–{MaxTagLength} characters", nameof(settings));
        }

        var distinct = tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (distinct.Count > MaxTags)
        {
            throw new ArgumentException($"a shop carries at most {MaxTags} tags", nameof(settings));
        }

        var names = settings.WarehouseNames;
        if (names is not null)
        {
            if (names.Count > MaxWarehouses)
            {
                throw new ArgumentException($"a shop names at most {MaxWarehouses} warehouses", nameof(settings));
            }

            foreach (var (id, name) in names)
            {
                if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !id.All(char.IsAsciiDigit))
                {
                    throw new ArgumentException($"warehouse id '{id}' is not a TikTok warehouse id (digits)", nameof(settings));
                }

                if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxTagLength)
                {
                    throw new ArgumentException($"the name of warehouse {id} must be 1–{MaxTagLength} characters", nameof(settings));
                }
            }

            names = names.ToDictionary(n => n.Key, n => n.Value.Trim(), StringComparer.Ordinal);
        }

        foreach (var (domain, interval) in settings.SyncIntervals ?? new Dictionary<SyncDomain, TimeSpan>())
        {
            if (!Enum.IsDefined(domain) || interval < MinSyncInterval || interval > MaxSyncInterval)
            {
                throw new ArgumentException($"the sync interval of {domain} must be {MinSyncInterval.TotalSeconds:0} s to {MaxSyncInterval.TotalDays:0} days", nameof(settings));
            }
        }

        return settings with { Tags = distinct, WarehouseNames = names };
    }
}
