using System.ComponentModel.DataAnnotations;

namespace OpenClaw.TikTokShop.Configuration;

/// <summary>Settings of the TikTok Shop client, bound from the <c>TikTokShop</c> configuration section.</summary>
public sealed class TikTokShopOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "TikTokShop";

    /// <summary>The app key from Partner Center.</summary>
    [Required]
    public string AppKey { get; set; } = "";

    /// <summary>The app secret from Partner Center. Never logged; redacted by <see cref="ToString"/>.</summary>
    [Required]
    public string AppSecret { get; set; } = "";

    /// <summary>The service id used in the seller consent link.</summary>
    [Required]
    public string ServiceId { get; set; } = "";

    /// <summary>Partner API host.</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://open-api.tiktokglobalshop.com";

    /// <summary>Auth service host (token get/refresh).</summary>
    [Required, Url]
    public string AuthBaseUrl { get; set; } = "https://auth.tiktok-shops.com";

    /// <summary>Seller consent page host. Unconfirmed for US sellers (see docs/tiktok-client.md).</summary>
    [Required, Url]
    public string AuthorizeBaseUrl { get; set; } = "https://services.tiktokshop.com";

    /// <summary>Timeout of a single HTTP attempt (headers and body).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after the first attempt, for retryable errors only.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; doubles each retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of a retry delay, also of an honoured Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest response body accepted; larger ones become a bad-response error.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Failure ratio (server/network errors) that opens a shop+endpoint circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Calls within <see cref="CircuitSamplingDuration"/> before the circuit may open.</summary>
    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 10;

    /// <summary>Window in which failures are counted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit stays open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Settings without the secret.</summary>
    public override string ToString() =>
        $"TikTokShopOptions {{ AppKey = {AppKey}, AppSecret = ***, ServiceId = {ServiceId}, ApiBaseUrl = {ApiBaseUrl}, AuthBaseUrl = {AuthBaseUrl}, AuthorizeBaseUrl = {AuthorizeBaseUrl} }}";
}
