using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Silo.Demo;

/// <summary>
/// The local demo's shops, bound from the <c>Demo</c> section. The AppHost enables it in run mode only; the
/// Kubernetes manifests never do. The silo onboards the simulator's shops for <see cref="TenantId"/> through the
/// authorization-code exchange, so the local product syncs real (simulated) data from its first minute.
/// </summary>
public sealed class DemoShopOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Demo";

    /// <summary>True onboards the demo shops when the silo starts (every replica may do it: the newest tokens win).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many of the simulator's shops to onboard, at most (1–1,000).</summary>
    [Range(1, 1000)]
    public int ShopCount { get; set; } = 12;

    /// <summary>The tenant that owns the demo shops.</summary>
    [Required(AllowEmptyStrings = false)]
    public string TenantId { get; set; } = "demo-agency";
}
