using System.Net.Sockets;
using System.Text;

namespace OpenClaw.TestSupport;

/// <summary>
/// A raw-socket PING, for processes that start a Redis-protocol server and need to know when it answers
/// (the test servers, the failover harness) without opening a client connection that would then reconnect forever.
/// </summary>
public static class RedisProbe
{
    /// <summary>True when a server on <c>127.0.0.1:<paramref name="port"/></c> answers PING with +PONG within two seconds.</summary>
    public static async Task<bool> PingsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", port, cts.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cts.Token).ConfigureAwait(false);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cts.Token).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
