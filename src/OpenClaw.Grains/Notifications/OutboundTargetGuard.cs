using System.Net;
using System.Net.Sockets;

namespace OpenClaw.Grains.Notifications;

/// <summary>
/// Keeps notifications off internal networks (ARCHITECTURE §7): targets must be https and must not be loopback,
/// private (RFC 1918, RFC 4193), link-local, carrier-grade NAT, unspecified or multicast addresses — checked on the URL
/// when a channel is saved and again on every resolved address at connect time (<see cref="ConnectAsync"/>), so a
/// host name that resolves to an internal address (DNS rebinding) is refused too. <see cref="NotificationOptions.AllowPrivateTargets"/>
/// lifts both checks and allows http (the local demo's simulator, tests).
/// </summary>
public sealed class OutboundTargetGuard(bool allowPrivateTargets)
{
    /// <summary>An error message for <paramref name="url"/>, or null when it may be used.</summary>
    public string? Problem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return "the URL must be absolute";
        }

        if (allowPrivateTargets)
        {
            return url.Scheme is "https" or "http" ? null : "the URL must be http or https";
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return "the URL must use https";
        }

        return HostProblem(url.DnsSafeHost);
    }

    /// <summary>An error message for an SMTP or other host name, or null when it may be used.</summary>
    public string? HostProblem(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (allowPrivateTargets)
        {
            return null;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "the target must not be this machine (localhost)";
        }

        return IPAddress.TryParse(host, out var address) && IsInternal(address)
            ? "the target must not be a loopback, private or link-local address"
            : null;
    }

    /// <summary>True for addresses notifications must never reach without <see cref="NotificationOptions.AllowPrivateTargets"/>.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }

    /// <summary>
    /// <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, refuses internal addresses (unless allowed)
    /// before any packet is sent, and connects to the first allowed address.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = allowPrivateTargets ? addresses : addresses.Where(a => !IsInternal(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"refused: '{endpoint.Host}' resolves only to internal addresses (set AllowPrivateTargets for local targets)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
