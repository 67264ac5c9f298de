using Microsoft.AspNetCore.DataProtection;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// Encrypts channel URLs and secrets at rest with ASP.NET Core Data Protection (ARCHITECTURE §7): purpose
/// <see cref="Purpose"/>, the tenant id as sub-purpose, so one tenant's ciphertext never opens under another's.
/// </summary>
public sealed class ChannelSecretProtector(IDataProtectionProvider provider)
{
    /// <summary>Data Protection purpose of channel secrets.</summary>
    public const string Purpose = "OpenClaw.Channels.v1";

    /// <summary>The stored form of <paramref name="channel"/>.</summary>
    public StoredNotificationChannel Protect(NotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var protector = ProtectorFor(channel.TenantId);
        return new StoredNotificationChannel(channel.TenantId, channel.ChannelId, channel.Kind, channel.Name, channel.Language, channel.TimeZone,
            channel.Url is null ? null : protector.Protect(channel.Url.AbsoluteUri),
            channel.Secret is null ? null : protector.Protect(channel.Secret),
            channel.Email);
    }

    /// <summary>The channel with its secrets decrypted.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring cannot open it (rotated away or another tenant's).</exception>
    public NotificationChannel Unprotect(StoredNotificationChannel stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var protector = ProtectorFor(stored.TenantId);
        return new NotificationChannel(stored.TenantId, stored.ChannelId, stored.Kind, stored.Name, stored.Language, stored.TimeZone,
            stored.ProtectedUrl is null ? null : new Uri(protector.Unprotect(stored.ProtectedUrl)),
            stored.ProtectedSecret is null ? null : protector.Unprotect(stored.ProtectedSecret),
            stored.Email);
    }

    private IDataProtector ProtectorFor(string tenantId) => provider.CreateProtector(Purpose, tenantId);
}
