using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Silo.Demo;

/// <summary>
/// The local demo's shops, bound from the <c>Demo</c> section. The AppHost enables it in run mode only; the
/// Kubernetes manifests never do. Until the agency API connects shops through OAuth, this is how the local
/// cluster gets shop grains to show in the Aspire dashboard (traces of grain calls, reminders, Orleans metrics).
/// </summary>
public sealed class DemoShopOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Demo";

    /// <summary>True connects the demo shops when the silo starts (idempotent: every silo may do it).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many demo shops to connect (1–1,000).</summary>
    [Range(1, 1000)]
    public int ShopCount { get; set; } = 12;

    /// <summary>The tenant that owns the demo shops.</summary>
    [Required(AllowEmptyStrings = false)]
    public string TenantId { get; set; } = "demo-agency";
}
