using OpenClaw.Grains.Alerts;

namespace OpenClaw.Grains.Notifications;

/// <summary>A composed message and the routed notifications it carries.</summary>
/// <param name="Message">What is sent.</param>
/// <param name="NotificationIds">Ids of the routed notifications inside (acknowledged together).</param>
public sealed record PackedMessage(NotificationMessage Message, IReadOnlyList<string> NotificationIds);

/// <summary>
/// Packs routed notifications for one channel into as few messages as its limits allow: in order, as many as fit in
/// <see cref="ChannelLimits.MaxMessageBytes"/> and <see cref="ChannelLimits.MaxNotificationsPerMessage"/>. This is how a
/// burst stays inside a robot's messages-per-minute limit without dropping anything.
/// </summary>
public sealed class ChannelMessagePacker(AlertMessageComposer composer)
{
    /// <summary>The messages for <paramref name="notifications"/>, in order.</summary>
    public IReadOnlyList<PackedMessage> Pack(IReadOnlyList<RoutedNotification> notifications, NotificationChannel channel, ChannelLimits limits,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(limits);
        var packed = new List<PackedMessage>();
        var current = new List<(RoutedNotification Notification, IReadOnlyList<AlertSection> Sections)>();
        var bytes = 0;
        foreach (var notification in notifications)
        {
            var sections = composer.Compose(notification, channel);
            var size = sections.Sum(AlertMessageFormats.EstimateBytes);
            if (current.Count > 0 && (current.Count >= limits.MaxNotificationsPerMessage || bytes + size > limits.MaxMessageBytes))
            {
                packed.Add(Build(current, channel, now));
                current.Clear();
                bytes = 0;
            }

            current.Add((notification, sections));
            bytes += size;
        }

        if (current.Count > 0)
        {
            packed.Add(Build(current, channel, now));
        }

        return packed;
    }

    private static PackedMessage Build(List<(RoutedNotification Notification, IReadOnlyList<AlertSection> Sections)> parts, NotificationChannel channel,
        DateTimeOffset now)
    {
        var ids = parts.Select(p => p.Notification.Id).ToList();
        var sections = parts.SelectMany(p => p.Sections).ToList();
        var requestId = ids.Count == 1 ? ids[0] : AlertFingerprint.IdOf(["batch", .. ids]);
        var title = AlertMessageComposer.BatchTitle(channel.Language, sections.Count);
        return new PackedMessage(new NotificationMessage(requestId, title, parts.Select(p => p.Notification).ToList(), sections, now), ids);
    }
}
