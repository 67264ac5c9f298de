namespace OpenClaw.Grains.Notifications;

/// <summary>The chat tool or transport of a channel.</summary>
public enum NotificationChannelKind
{
    /// <summary>WeCom (企业微信) group robot: markdown to <c>qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</c>.</summary>
    WeCom = 0,

    /// <summary>DingTalk (钉钉) custom robot with signing (<c>timestamp</c> + <c>sign</c> in the query).</summary>
    DingTalk = 1,

    /// <summary>Feishu/Lark (飞书) custom bot with signing (<c>timestamp</c> + <c>sign</c> in the body).</summary>
    Feishu = 2,

    /// <summary>Slack incoming webhook.</summary>
    Slack = 3,

    /// <summary>Any HTTPS endpoint, signed with HMAC-SHA256 (<c>X-OpenClaw-Signature</c>).</summary>
    Webhook = 4,

    /// <summary>E-mail over SMTP.</summary>
    Email = 5,
}

/// <summary>Language of a channel's messages (the tenant's language).</summary>
public enum NotificationLanguage
{
    /// <summary>English.</summary>
    English = 0,

    /// <summary>Simplified Chinese (简体中文).</summary>
    SimplifiedChinese = 1,
}

/// <summary>How the e-mail channel secures its SMTP connection.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS (port 587); the default.</summary>
    StartTls = 0,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect = 1,

    /// <summary>No TLS: only with <see cref="NotificationOptions.AllowPrivateTargets"/> (a local SMTP sink).</summary>
    None = 2,
}

/// <summary>SMTP settings of an e-mail channel (the password is the channel's <see cref="NotificationChannel.Secret"/>).</summary>
/// <param name="Host">SMTP server host name.</param>
/// <param name="Port">SMTP port (587 STARTTLS, 465 TLS).</param>
/// <param name="Security">Connection security.</param>
/// <param name="UserName">Login; null sends without authentication.</param>
/// <param name="From">Sender address.</param>
/// <param name="To">Recipients (at least one).</param>
public sealed record EmailSettings(string Host, int Port, SmtpSecurity Security, string? UserName, string From, IReadOnlyList<string> To);

/// <summary>
/// A channel as senders use it, with its secrets in clear: only ever held in memory for a send. It is stored as a
/// <see cref="StoredNotificationChannel"/> (secrets encrypted, <see cref="ChannelSecretProtector"/>). <see cref="ToString"/>
/// leaves out the URL and the secret, so a channel in a log line leaks nothing.
/// </summary>
/// <param name="TenantId">Owning tenant.</param>
/// <param name="ChannelId">Id within the tenant (1–64 letters, digits, '.', '_' or '-').</param>
/// <param name="Kind">Chat tool or transport.</param>
/// <param name="Name">Display name.</param>
/// <param name="Language">Message language.</param>
/// <param name="TimeZone">IANA zone for times in messages, e.g. <c>Asia/Shanghai</c>.</param>
/// <param name="Url">Webhook URL (for WeCom and Slack the URL itself is the credential); null for e-mail.</param>
/// <param name="Secret">DingTalk/Feishu signing secret, webhook HMAC key, or SMTP password; null when unused.</param>
/// <param name="Email">SMTP settings for <see cref="NotificationChannelKind.Email"/>.</param>
public sealed record NotificationChannel(
    string TenantId,
    string ChannelId,
    NotificationChannelKind Kind,
    string Name,
    NotificationLanguage Language,
    string TimeZone,
    Uri? Url,
    string? Secret,
    EmailSettings? Email = null)
{
    /// <summary>Key of the channel's rate budget: one per robot (the same URL shares the budget across channels and tenants).</summary>
    public string RateKey => Alerts.AlertFingerprint.IdOf("rate", Kind.ToString(), Url?.GetLeftPart(UriPartial.Query) ?? Email?.Host ?? ChannelId);

    /// <summary>Tenant, id, kind and name only.</summary>
    public override string ToString() => $"NotificationChannel {{ TenantId = {TenantId}, ChannelId = {ChannelId}, Kind = {Kind}, Name = {Name} }}";
}

/// <summary>How a channel is stored: URL and secret as Data Protection ciphertext.</summary>
/// <param name="TenantId">Owning tenant.</param>
/// <param name="ChannelId">Channel id.</param>
/// <param name="Kind">Chat tool or transport.</param>
/// <param name="Name">Display name.</param>
/// <param name="Language">Message language.</param>
/// <param name="TimeZone">IANA zone for times in messages.</param>
/// <param name="ProtectedUrl">Encrypted URL; null for e-mail.</param>
/// <param name="ProtectedSecret">Encrypted secret; null when unused.</param>
/// <param name="Email">SMTP settings (no password).</param>
public sealed record StoredNotificationChannel(
    string TenantId,
    string ChannelId,
    NotificationChannelKind Kind,
    string Name,
    NotificationLanguage Language,
    string TimeZone,
    string? ProtectedUrl,
    string? ProtectedSecret,
    EmailSettings? Email);
