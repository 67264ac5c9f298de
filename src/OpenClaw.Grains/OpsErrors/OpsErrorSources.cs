namespace OpenClaw.Grains.OpsErrors;

/// <summary>Who reported an ops error group (issue 15: both sources are stored side by side, never merged).</summary>
public static class OpsErrorSources
{
    /// <summary>OpenClaw's own TikTok calls, recorded by the shop grains (<see cref="OpsErrorBook"/>).</summary>
    public const string OpenClaw = "openclaw";

    /// <summary>The seller's own ERP, OMS or middleware, reported through the API (<see cref="SellerErrorIntake"/>).</summary>
    public const string Seller = "seller";

    /// <summary>True for a known source name.</summary>
    public static bool IsKnown(string? source) => source is OpenClaw or Seller;
}
