using OpenClaw.Grains.Notifications;

namespace OpenClaw.Api.Model;

/// <summary>SMTP settings of an e-mail channel (the password is the channel's <c>secret</c>).</summary>
/// <param name="Host">SMTP host.</param>
/// <param name="Port">Port (587 STARTTLS, 465 TLS).</param>
/// <param name="Security"><c>start_tls</c> (default), <c>ssl_on_connect</c>, <c>none</c> (local sinks only).</param>
/// <param name="UserName">Login; omitted = no authentication.</param>
/// <param name="From">Sender address.</param>
/// <param name="To">Recipients.</param>
public sealed record EmailBody(string? Host, int? Port, SmtpSecurity? Security, string? UserName, string? From, IReadOnlyList<string>? To)
{
    /// <summary>As stored.</summary>
    public EmailSettings ToSettings() => new(Host ?? "", Port ?? 0, Security ?? SmtpSecurity.StartTls, UserName, From ?? "", To ?? []);

    /// <summary>From the stored settings.</summary>
    public static EmailBody Of(EmailSettings e) => new(e.Host, e.Port, e.Security, e.UserName, e.From, e.To);
}

/// <summary>
/// A channel as the API takes it (<c>PUT /api/v1/channels/{channel_id}</c>). On a replace, <c>url</c> and <c>secret</c>
/// left out keep their stored values (they are never shown, so a client cannot send them back); <c>"secret": ""</c> removes the secret.
/// </summary>
/// <param name="Kind"><c>we_com</c>, <c>ding_talk</c>, <c>feishu</c>, <c>slack</c>, <c>webhook</c>, <c>email</c>.</param>
/// <param name="Name">Display name, 1–100 characters.</param>
/// <param name="Language"><c>english</c> or <c>simplified_chinese</c> (default english).</param>
/// <param name="TimeZone">IANA zone for times in messages (default UTC).</param>
/// <param name="Url">The robot's or endpoint's webhook URL (https; for WeCom and Slack the URL itself is the credential).</param>
/// <param name="Secret">DingTalk/Feishu signing secret, webhook HMAC key, or SMTP password.</param>
/// <param name="Email">SMTP settings (e-mail channels).</param>
public sealed record ChannelBody(NotificationChannelKind? Kind, string? Name, NotificationLanguage? Language = null, string? TimeZone = null,
    Uri? Url = null, string? Secret = null, EmailBody? Email = null);

/// <summary>A channel as the API shows it: never its URL or secret.</summary>
/// <param name="ChannelId">Id.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Name">Display name.</param>
/// <param name="Language">Message language.</param>
/// <param name="TimeZone">Zone of times in messages.</param>
/// <param name="UrlHost">Host of the URL (the path and query may hold the credential, so they are not shown).</param>
/// <param name="HasSecret">True when a secret is stored.</param>
/// <param name="Email">SMTP settings without the password.</param>
public sealed record ChannelResponse(string ChannelId, NotificationChannelKind Kind, string Name, NotificationLanguage Language, string TimeZone,
    string? UrlHost, bool HasSecret, EmailBody? Email)
{
    /// <summary>From a channel (secrets dropped).</summary>
    public static ChannelResponse From(NotificationChannel c) =>
        new(c.ChannelId, c.Kind, c.Name, c.Language, c.TimeZone, c.Url?.Host, !string.IsNullOrEmpty(c.Secret), c.Email is { } e ? EmailBody.Of(e) : null);
}

/// <summary>The answer of "send test message".</summary>
/// <param name="Outcome"><c>delivered</c>, <c>rate_limited</c> or <c>failed</c>.</param>
/// <param name="Error">What went wrong (never the URL, secret or signature), or null.</param>
public sealed record ChannelTestResponse(ChannelSendOutcome Outcome, string? Error);

/// <summary>A notification that ran out of attempts.</summary>
/// <param name="NotificationId">Its id (the webhook's request id).</param>
/// <param name="ChannelId">Target channel.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="LastError">Last failure.</param>
/// <param name="DeadAt">When it was given up.</param>
/// <param name="Alerts">Fingerprints it carried.</param>
public sealed record DeadLetterResponse(string NotificationId, string ChannelId, int Attempts, string? LastError, DateTimeOffset DeadAt, IReadOnlyList<string> Alerts);

/// <summary>What is waiting: the router's groups and the notifications given up.</summary>
/// <param name="Groups">Groups waiting to flush.</param>
/// <param name="DeadLetters">The tenant's dead letters, newest first.</param>
public sealed record OutboxResponse(IReadOnlyList<Grains.Alerts.AlertGroupStatus> Groups, IReadOnlyList<DeadLetterResponse> DeadLetters);
