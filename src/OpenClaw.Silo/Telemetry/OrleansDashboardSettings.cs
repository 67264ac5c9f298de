using Microsoft.Extensions.Configuration;

namespace OpenClaw.Silo.Telemetry;

/// <summary>
/// Section <c>OrleansDashboard</c>: whether the silo runs the Orleans dashboard (grains, silos, calls) at
/// <c>/dashboard</c>. It has no authentication of its own (expose it only inside the cluster) and samples every Orleans
/// metric each second; docs/benchmarks.md gives its cost under the scale bench.
/// </summary>
public sealed class OrleansDashboardSettings
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "OrleansDashboard";

    /// <summary>On unless set to <c>false</c> (<c>OrleansDashboard__Enabled=false</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Reads <see cref="Enabled"/> while the host is still being built (Orleans' parts are added then). A value that is
    /// not a boolean counts as on here; the same setting, bound and validated at start, then stops the process with
    /// exit code 78 naming the key.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        !bool.TryParse(configuration[$"{SectionName}:{nameof(Enabled)}"], out var enabled) || enabled;
}
