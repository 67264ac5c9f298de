using System.Net;
using System.Net.Sockets;

namespace OpenClaw.TestSupport;

/// <summary>
/// Hands out loopback ports that nothing listens on right now, from 20000–32767: below Linux's ephemeral range
/// (32768–60999, <c>/proc/sys/net/ipv4/ip_local_port_range</c>), so no outgoing connection and no listener bound to
/// port 0 (the simulator's SMTP sink, Kestrel on :0) can take a port between the moment it is handed out and the moment
/// its server binds it. Each test process starts at a random point of the range and walks it, so parallel test
/// processes rarely meet.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Count = 32768 - First;
    private static int _offset = Random.Shared.Next(Count);

    /// <summary>A free TCP port on 127.0.0.1.</summary>
    /// <exception cref="InvalidOperationException">Every port of the range is in use.</exception>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _offset) % Count);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try the next one.
            }
        }

        throw new InvalidOperationException($"no free loopback port in {First}–{First + Count - 1}");
    }
}
