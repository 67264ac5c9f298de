namespace OpenClaw.ServiceDefaults.Telemetry;

/// <summary>The activity sources and meters every OpenClaw process listens to.</summary>
public static class TelemetryNames
{
    /// <summary>Activity sources (wildcards allowed).</summary>
    public static readonly IReadOnlyList<string> Sources = ["OpenClaw.*", "Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>Meters (wildcards allowed).</summary>
    public static readonly IReadOnlyList<string> Meters = ["OpenClaw.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];
}
