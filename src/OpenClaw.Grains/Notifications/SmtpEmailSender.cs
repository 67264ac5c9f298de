using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// E-mail over SMTP with MailKit (https://mimekit.net/docs/html/T_MailKit_Net_Smtp_SmtpClient.htm): one message per
/// batch with a plain-text and an HTML part, STARTTLS or TLS as the channel says (no TLS only when private targets are
/// allowed), login with the channel secret as password when a user name is set. A 4xx SMTP reply or a network error is
/// retried later; every failure is reported, never thrown.
/// </summary>
public sealed class SmtpEmailSender(OutboundTargetGuard guard, TimeSpan attemptTimeout) : INotificationChannelSender
{
    /// <inheritdoc />
    public NotificationChannelKind Kind => NotificationChannelKind.Email;

    /// <inheritdoc />
    public ChannelLimits Limits { get; } = new([new ChannelRate(TimeSpan.FromSeconds(1), 5)], 200_000, 100);

    /// <inheritdoc />
    public async Task<ChannelSendResult> SendAsync(NotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(message);
        if (channel.Email is not { } email)
        {
            return new ChannelSendResult(ChannelSendOutcome.Failed, "e-mail channel without SMTP settings");
        }

        if (guard.HostProblem(email.Host) is { } problem)
        {
            return new ChannelSendResult(ChannelSendOutcome.Failed, problem);
        }

        using var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(email.From));
        foreach (var to in email.To)
        {
            mime.To.Add(MailboxAddress.Parse(to));
        }

        mime.Subject = message.Title;
        mime.MessageId = $"{message.RequestId}@openclaw";
        mime.Headers.Add("X-OpenClaw-Request-Id", message.RequestId);
        mime.Body = new BodyBuilder
        {
            TextBody = AlertMessageFormats.PlainText(message.Title, message.Sections),
            HtmlBody = AlertMessageFormats.Html(message.Title, message.Sections),
        }.ToMessageBody();

        using var smtp = new SmtpClient { Timeout = (int)attemptTimeout.TotalMilliseconds };
        try
        {
            var security = email.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await smtp.ConnectAsync(email.Host, email.Port, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(email.UserName))
            {
                await smtp.AuthenticateAsync(email.UserName, channel.Secret ?? "", cancellationToken).ConfigureAwait(false);
            }

            await smtp.SendAsync(mime, cancellationToken).ConfigureAwait(false);
            await smtp.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return ChannelSendResult.Delivered;
        }
        catch (SmtpCommandException ex)
        {
            return new ChannelSendResult(ChannelSendOutcome.Failed, $"SMTP {(int)ex.StatusCode} {ex.ErrorCode}");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or AuthenticationException or IOException or System.Net.Sockets.SocketException
            or ServiceNotConnectedException or TimeoutException or SslHandshakeException)
        {
            return new ChannelSendResult(ChannelSendOutcome.Failed, "SMTP " + ex.GetType().Name);
        }
    }
}
