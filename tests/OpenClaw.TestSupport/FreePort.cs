using System.Net;
using System.Net.Sockets;

namespace OpenClaw.TestSupport;

/// <summary>Hands out loopback ports that nothing listens on right now.</summary>
public static class FreePort
{
    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
