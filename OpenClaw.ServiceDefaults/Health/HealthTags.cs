namespace OpenClaw.ServiceDefaults.Health;

/// <summary>Tags that decide which endpoint runs a health check; untagged checks (Redis, the silo) run for <c>/health</c> only.</summary>
public static class HealthTags
{
    /// <summary>Checks that only say the process is up; they run for <c>/alive</c>.</summary>
    public const string Live = "live";
}
