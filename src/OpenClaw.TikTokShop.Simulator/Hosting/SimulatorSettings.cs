using System.ComponentModel.DataAnnotations;

namespace OpenClaw.TikTokShop.Simulator.Hosting;

/// <summary>Configuration section <c>Simulator</c>; every value can be overridden on the command line or by environment.</summary>
public sealed class SimulatorSettings : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Simulator";

    /// <summary>The only app key the simulator accepts.</summary>
    [Required]
    public string AppKey { get; set; } = "openclaw-demo-app";

    /// <summary>The app secret used for request signatures, token calls and webhook signatures.</summary>
    [Required]
    public string AppSecret { get; set; } = "openclaw-demo-secret";

    /// <summary>The service id the consent page accepts.</summary>
    [Required]
    public string ServiceId { get; set; } = "7000000000000000001";

    /// <summary>Where the consent page sends the seller back.</summary>
    [Required]
    [Url]
    public string RedirectUrl { get; set; } = "http://127.0.0.1:5080/connect/callback";

    /// <summary>Seed of the data generator: same seed, same shops and orders.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Number of shops.</summary>
    [Range(1, 100_000)]
    public int ShopCount { get; set; } = 12;

    /// <summary>Days of data before <see cref="WorldAnchor"/>.</summary>
    [Range(0, 3650)]
    public int HistoryDays { get; set; } = 30;

    /// <summary>Average orders created per shop per day.</summary>
    [Range(0, 100_000)]
    public int OrdersPerShopPerDay { get; set; } = 40;

    /// <summary>
    /// How shops' order volumes differ: <see cref="ActivitySpread.Even"/> (factor 0.5–1.5) or
    /// <see cref="ActivitySpread.Varied"/> (a long tail of nearly dormant and very busy shops).
    /// </summary>
    public ActivitySpread ActivitySpread { get; set; } = ActivitySpread.Even;

    /// <summary>Products per shop.</summary>
    [Range(1, 200_000)]
    public int ProductsPerShop { get; set; } = 60;

    /// <summary>How many generated shop-days of orders are kept in memory (least recently used are regenerated).</summary>
    [Range(16, 10_000_000)]
    public int CachedShopDays { get; set; } = 16_384;

    /// <summary>Simulated time when the process starts.</summary>
    public DateTimeOffset ClockStart { get; set; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The instant the generated data hangs from, or null for <see cref="ClockStart"/>: orders begin
    /// <see cref="HistoryDays"/> before it, products are created over the 60 + <see cref="HistoryDays"/> days before
    /// it, and an order's line items are drawn from the products created by then. Keep it fixed across restarts of a
    /// simulator whose data a store already holds: with a new anchor the same order id sells other products (another
    /// total, the same <c>update_time</c>), which TikTok never does.
    /// </summary>
    public DateTimeOffset? WorldStart { get; set; }

    /// <summary>The instant the generated data hangs from: <see cref="WorldStart"/>, else <see cref="ClockStart"/>.</summary>
    public DateTimeOffset WorldAnchor => WorldStart ?? ClockStart;

    /// <summary>Simulated seconds per real second (0 freezes the clock; it then moves only by explicit advances).</summary>
    [Range(0, 10_000_000)]
    public double ClockSpeed { get; set; } = 1;

    /// <summary>Access token lifetime in simulated seconds.</summary>
    [Range(1, long.MaxValue)]
    public long AccessTokenLifetimeSeconds { get; set; } = 604_800;

    /// <summary>Refresh token lifetime in simulated seconds.</summary>
    [Range(1, long.MaxValue)]
    public long RefreshTokenLifetimeSeconds { get; set; } = 31_536_000;

    /// <summary>Scopes granted to new authorizations; empty means every scope the simulator knows.</summary>
    public IList<string> GrantedScopes { get; } = [];

    /// <summary>Request budgets.</summary>
    [Required]
    public RateLimitSettings RateLimit { get; set; } = new();

    /// <summary>Default webhook target for every shop (a shop's own subscription wins).</summary>
    [Url]
    public string? WebhookUrl { get; set; }

    /// <summary>Webhook delivery behaviour.</summary>
    [Required]
    public WebhookSettings Webhooks { get; set; } = new();

    /// <summary>Validates the nested sections too (data annotations do not recurse on their own).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(RateLimit, new ValidationContext(RateLimit), results, validateAllProperties: true);
        Validator.TryValidateObject(Webhooks, new ValidationContext(Webhooks), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult(result.ErrorMessage, result.MemberNames.Select(m => (RateLimit.GetType().GetProperty(m) is not null ? "RateLimit:" : "Webhooks:") + m));
        }

        if (!Enum.IsDefined(ActivitySpread))
        {
            yield return new ValidationResult("activity spread must be Even or Varied", [nameof(ActivitySpread)]);
        }

        if (Webhooks.RetryDelaysSeconds.Any(d => d < 0 || double.IsNaN(d)))
        {
            yield return new ValidationResult("retry delays must be non-negative seconds", ["Webhooks:RetryDelaysSeconds"]);
        }
    }
}

/// <summary>Request budgets: token buckets per real second, and a daily call quota counted in simulated time.</summary>
public sealed class RateLimitSettings
{
    /// <summary>
    /// Signed API calls the app may make per simulated UTC day; 0 means unlimited. Going over answers 429 / 45101004
    /// and pauses the app for <see cref="QuotaPauseSeconds"/>.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long DailyQuota { get; set; }

    /// <summary>How long the app stays paused after exceeding <see cref="DailyQuota"/>, in simulated seconds (TikTok: 2 hours).</summary>
    [Range(1, 31_536_000)]
    public long QuotaPauseSeconds { get; set; } = 7200;

    /// <summary>Requests per second for one app + shop pair.</summary>
    [Range(1, 1_000_000)]
    public int PerShopPerSecond { get; set; } = 50;

    /// <summary>Requests per second for the whole app.</summary>
    [Range(1, 10_000_000)]
    public int PerAppPerSecond { get; set; } = 2000;
}

/// <summary>How webhooks are retried.</summary>
public sealed class WebhookSettings
{
    /// <summary>Real seconds between a failed delivery and the next attempt; the event is dropped after the last.</summary>
    public IList<double> RetryDelaysSeconds { get; } = [];

    /// <summary>The delays in effect: configured, or TikTok's 2 min, 30 min, 3 h, 12 h.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetryDelays =>
        (RetryDelaysSeconds.Count > 0 ? RetryDelaysSeconds : [120, 1800, 10800, 43200]).Select(TimeSpan.FromSeconds).ToList();

    /// <summary>Bound of the delivery queue; events beyond it are dropped and counted.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;
}

/// <summary>How different the shops' order volumes are (<c>Simulator:ActivitySpread</c>).</summary>
public enum ActivitySpread
{
    /// <summary>Every shop's volume factor is drawn from 0.5–1.5.</summary>
    Even,

    /// <summary>
    /// A long tail: about 20 % of shops nearly dormant (factor 0.02–0.08), 75 % regular (0.5–1.5), 5 % very busy (5–10).
    /// </summary>
    Varied,
}
