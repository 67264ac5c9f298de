namespace OpenClaw.Grains.Notifications;

/// <summary>Settings of alert delivery, bound from the <c>Notifications</c> configuration section.</summary>
public sealed class NotificationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Notifications";

    /// <summary>Base address of the operator dashboard; messages link to <c>{base}shops/{shopId}/alerts/{fingerprint}</c>.</summary>
    public Uri DashboardBaseUrl { get; set; } = new("http://localhost:5080/");

    /// <summary>Allow http and loopback/private targets (local demo with the simulator, tests). Off in production.</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Timeout of one delivery attempt (HTTP request or SMTP session). Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Prefix of every Redis key of the outbox, rate budgets and channels. Default <c>openclaw:</c>.</summary>
    public string KeyPrefix { get; set; } = "openclaw:";

    /// <summary>How long a claimed item is leased to one sender; after that another silo may retry it. Default 60 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First retry delay; doubles per failed attempt with ±20 % jitter. Default 5 s.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest retry delay. Default 30 min.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Attempts before an item may be dead-lettered. Default 60.</summary>
    public int MaxAttempts { get; set; } = 60;

    /// <summary>An item is dead-lettered only after <see cref="MaxAttempts"/> and at least this long after it was enqueued. Default 24 h.</summary>
    public TimeSpan MinRetryAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most items one sender claims per pass. Default 100.</summary>
    public int ClaimBatchSize { get; set; } = 100;

    /// <summary>Longest pause of the background sender when nothing is due (an enqueue wakes it sooner: <see cref="NotificationOutbox.Wake"/>). Default 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long delivered ids are remembered to refuse a second enqueue. Default 7 days.</summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most dead letters kept (oldest trimmed). Default 10 000.</summary>
    public int DeadLetterMax { get; set; } = 10_000;

    /// <summary>Throws <see cref="ArgumentException"/> for values delivery cannot work with.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(DashboardBaseUrl, nameof(DashboardBaseUrl));
        if (!DashboardBaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("Notifications:DashboardBaseUrl must be an absolute URL", nameof(DashboardBaseUrl));
        }

        ArgumentException.ThrowIfNullOrEmpty(KeyPrefix, nameof(KeyPrefix));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero, nameof(AttemptTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LeaseDuration, AttemptTimeout, nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BackoffBase, TimeSpan.Zero, nameof(BackoffBase));
        ArgumentOutOfRangeException.ThrowIfLessThan(BackoffMax, BackoffBase, nameof(BackoffMax));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinRetryAge, TimeSpan.Zero, nameof(MinRetryAge));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClaimBatchSize, 1, nameof(ClaimBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(DeadLetterMax, 1, nameof(DeadLetterMax));
    }

    /// <summary>The dashboard base with a trailing slash, so relative links append.</summary>
    internal Uri DashboardBase => DashboardBaseUrl.AbsoluteUri.EndsWith('/') ? DashboardBaseUrl : new Uri(DashboardBaseUrl.AbsoluteUri + "/");
}
