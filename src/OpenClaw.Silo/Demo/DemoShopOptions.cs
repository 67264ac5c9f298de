using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Silo.Demo;

/// <summary>
/// A test shortcut, bound from the <c>Demo</c> section: the silo onboards the simulator's shops for
/// <see cref="TenantId"/> itself, through the authorization-code exchange with the simulator's consent shortcut
/// (tests that run a silo without the API use it). The AppHost does not: its demo tenant is provisioned through the
/// API's OAuth flow (OpenClaw.AppHost/Demo). The Kubernetes manifests never enable it.
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
