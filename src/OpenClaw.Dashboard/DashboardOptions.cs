using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Dashboard;

/// <summary>The dashboard's settings, bound from the <c>Dashboard</c> section.</summary>
public sealed class DashboardOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>Base address of the agency API; <c>https+http://api</c> resolves through Aspire service discovery.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ApiBaseUrl { get; set; } = "https+http://api";

    /// <summary>The Orleans dashboard on a silo (header link), or null to hide the link.</summary>
    public Uri? OrleansDashboardUrl { get; set; }

    /// <summary>The Aspire dashboard (header link), or null to hide the link.</summary>
    public Uri? AspireDashboardUrl { get; set; }

    /// <summary>
    /// How often an open page reloads its KPIs, shops and alerts (per circuit; a change shows within this plus one API
    /// round trip, so the 3 s default keeps "within 5 s").
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a sign-in lasts without activity (sliding).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Most shops the overview loads (pages of 200 from the API).</summary>
    [Range(1, 20_000)]
    public int MaxShops { get; set; } = 5_000;
}
