namespace OpenClaw.ServiceDefaults.Telemetry;

/// <summary>
/// The activity sources and meters every OpenClaw process listens to, beyond what the ASP.NET Core, HttpClient
/// and runtime instrumentation packages add themselves (ARCHITECTURE §6).
/// </summary>
public static class TelemetryNames
{
    /// <summary>
    /// Activity sources: OpenClaw's own (<c>OpenClaw.TikTokShop</c>, <c>OpenClaw.Sync</c>, …) and Orleans' runtime and
    /// application sources (grain calls; see <c>Orleans.Diagnostics.ActivitySources</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> Sources =
        ["OpenClaw.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Meters: OpenClaw's own and Orleans' (<c>Microsoft.Orleans</c>: messaging, activations, membership).</summary>
    public static readonly IReadOnlyList<string> Meters = ["OpenClaw.*", "Microsoft.Orleans"];
}
