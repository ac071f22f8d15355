using System.Net.Sockets;
using System.Text;

namespace Mcp.Daemon.Tests.Systemd;

/// <summary>A real Unix datagram socket standing where systemd's notify socket would be.</summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public NotifySocket(string address)
    {
        Address = address;
        var endpoint = address.StartsWith('@') ? new UnixDomainSocketEndPoint("\0" + address[1..]) : new UnixDomainSocketEndPoint(address);
        _socket.Bind(endpoint);
        _socket.ReceiveTimeout = 10_000;
    }

    /// <summary>The NOTIFY_SOCKET value.</summary>
    public string Address { get; }

    public string Receive()
    {
        var buffer = new byte[4096];
        var count = _socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, count);
    }

    public bool HasPending => _socket.Available > 0;

    public void Dispose() => _socket.Dispose();
}
