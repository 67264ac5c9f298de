using System.Text.RegularExpressions;

namespace OpenClaw.Grains.Notifications;

/// <summary>Checks a channel before it is saved; errors keyed by camel-case field for a validation problem.</summary>
public static partial class NotificationChannelValidator
{
    /// <summary>Errors of <paramref name="channel"/>; empty when valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(NotificationChannel channel, OutboundTargetGuard guard)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(guard);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(channel.ChannelId) || !IdPattern().IsMatch(channel.ChannelId))
        {
            errors["channelId"] = ["channelId is required: 1–64 letters, digits, '.', '_' or '-'."];
        }

        if (!Enum.IsDefined(channel.Kind))
        {
            errors["kind"] = ["kind must be WeCom, DingTalk, Feishu, Slack, Webhook or Email."];
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(channel.TimeZone ?? "", out _))
        {
            errors["timeZone"] = [$"timeZone '{channel.TimeZone}' is not an IANA time zone (e.g. Asia/Shanghai)."];
        }

        if (channel.Kind == NotificationChannelKind.Email)
        {
            if (channel.Email is not { } email || string.IsNullOrWhiteSpace(email.Host) || email.Port is < 1 or > 65535 || email.To.Count == 0
                || string.IsNullOrWhiteSpace(email.From))
            {
                errors["email"] = ["email needs host, port (1–65535), from and at least one recipient."];
            }
            else if (guard.HostProblem(email.Host) is { } problem)
            {
                errors["email.host"] = [problem];
            }
        }
        else if (channel.Url is null)
        {
            errors["url"] = ["url is required: the robot's or endpoint's webhook address."];
        }
        else if (guard.Problem(channel.Url) is { } problem)
        {
            errors["url"] = [problem];
        }

        if (channel.Kind == NotificationChannelKind.Webhook && string.IsNullOrEmpty(channel.Secret))
        {
            errors["secret"] = ["secret is required for a webhook channel: requests are signed with it (HMAC-SHA256)."];
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
