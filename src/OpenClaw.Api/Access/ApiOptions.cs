using System.ComponentModel.DataAnnotations;

namespace OpenClaw.Api.Access;

/// <summary>The API's own settings (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Api";

    /// <summary>
    /// Default per-attempt bound of a grain call (<c>ClientMessagingOptions.ResponseTimeout</c>): 5 s. A request in
    /// flight to a grain whose silo dies gets no answer at all (dotnet/orleans#6802). When the silo's connections close
    /// (a killed process) <see cref="Errors.GatewayLossSignal"/> retries such requests at once; when they do not (a node
    /// lost without a word) this bound is how long a request waits before it is retried on the grain's new silo.
    /// Orleans' default, 30 s, made a silo kill cost the API's callers 30 s (AppHost end-to-end test,
    /// docs/reliability.md). Calls that do slow work on purpose (the tenant's connects, which call TikTok) carry a
    /// longer <c>[ResponseTimeout]</c> on their interface method.
    /// </summary>
    public static readonly TimeSpan DefaultGrainResponseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The platform administrator's key (a secret: <c>Api__BootstrapAdminKey</c> from the AppHost parameter or the
    /// cluster Secret). It creates tenants and issues their first keys; at least 32 characters.
    /// </summary>
    [Required, MinLength(32)]
    public string BootstrapAdminKey { get; set; } = "";

    /// <summary>Per-attempt bound of a grain call; a silo that does not answer in time is retried within <see cref="GrainCallBudget"/>.</summary>
    public TimeSpan GrainResponseTimeout { get; set; } = DefaultGrainResponseTimeout;

    /// <summary>How long the API keeps retrying a grain call while a silo fails over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan GrainCallBudget { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a consent link (its signed <c>state</c>) stays valid; TikTok's authorization code lives 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan OAuthStateLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long this replica trusts a key record it read from Redis before reading it again (0 = read on every request).
    /// A revocation reaches every replica at once over Redis pub/sub; this bounds how long a replica that missed that
    /// message (store outage) still accepts the revoked key. It is also the resolution of a key's <c>last_used_at</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromSeconds(10);
}
