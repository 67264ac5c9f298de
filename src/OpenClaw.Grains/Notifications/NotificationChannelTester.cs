using OpenClaw.Grains.Alerts;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// The "send test message" action of a channel: validates the target and sends one short message straight away (not
/// through the outbox), so the operator sees at once whether the URL, secret or SMTP login work.
/// </summary>
public sealed class NotificationChannelTester(IEnumerable<INotificationChannelSender> senders, AlertMessageComposer composer,
    OutboundTargetGuard guard, TimeProvider time)
{
    /// <summary>Sends a test message to <paramref name="channel"/> and reports how it went.</summary>
    public async Task<ChannelSendResult> SendTestAsync(NotificationChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.Url is { } url && guard.Problem(url) is { } problem)
        {
            return new ChannelSendResult(ChannelSendOutcome.Failed, problem);
        }

        var sender = senders.First(s => s.Kind == channel.Kind);
        var now = time.GetUtcNow();
        var section = composer.TestSection(channel, now);
        var message = new NotificationMessage(AlertFingerprint.IdOf("test", channel.TenantId, channel.ChannelId, now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            section.Title, [], [section], now);
        return await sender.SendAsync(channel, message, cancellationToken).ConfigureAwait(false);
    }
}
