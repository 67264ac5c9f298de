namespace OpenClaw.TikTokShop.Simulator.Chat;

/// <summary>The simulator's chat receivers, bound from <c>Simulator:Chat</c>.</summary>
public sealed class ChatReceiverOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Simulator:Chat";

    /// <summary>
    /// The signing secret every local robot is configured with (DingTalk, Feishu, and OpenClaw's signed webhook): give
    /// OpenClaw channels pointing here this secret. A local demo value, not a credential.
    /// </summary>
    public string Secret { get; set; } = "openclaw-chat-secret";

    /// <summary>Port of the local SMTP sink for the e-mail channel; 0 (default) = a free port the OS picks (<c>GET /_sim/chat/email/smtp</c>).</summary>
    public int SmtpPort { get; set; }

    /// <summary>Address the SMTP sink binds to (default loopback: a local demo receiver, never exposed).</summary>
    public string SmtpAddress { get; set; } = "127.0.0.1";
}
