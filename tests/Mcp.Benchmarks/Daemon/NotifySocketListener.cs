using System.Net.Sockets;
using System.Text;

namespace Mcp.Benchmarks.Daemon;

/// <summary>A Unix datagram socket playing systemd's role: it receives sd_notify messages.</summary>
internal sealed class NotifySocketListener : IDisposable
{
    private readonly Socket _socket;

    public NotifySocketListener(string path)
    {
        Path = path;
        File.Delete(path);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _socket.Bind(new UnixDomainSocketEndPoint(path));
    }

    public string Path { get; }

    /// <summary>Waits for a datagram that contains the assignment <paramref name="assignment"/> (e.g. <c>READY=1</c>).</summary>
    public async Task WaitForAsync(string assignment, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            var message = Encoding.UTF8.GetString(buffer, 0, length);
            if (message.Split('\n').Contains(assignment, StringComparer.Ordinal))
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        File.Delete(Path);
    }
}
