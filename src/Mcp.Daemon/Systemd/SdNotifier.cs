using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Systemd;

/// <summary>
/// sd_notify over <c>$NOTIFY_SOCKET</c>: a filesystem path (<c>/run/systemd/notify</c>) or a Linux
/// abstract socket (<c>@name</c>). Each message is one datagram on a fresh connected
/// <c>SOCK_DGRAM</c> socket; the kernel attaches our credentials, which is how systemd checks
/// <c>NotifyAccess=main</c>. Other address forms (vsock) disable notifications with one warning.
/// A send failure is logged once and never thrown: systemd acts on what it does not receive.
/// </summary>
internal sealed class SdNotifier : ISdNotifier
{
    private readonly UnixDomainSocketEndPoint? _endpoint;
    private readonly ILogger<SdNotifier> _logger;
    private int _failureLogged;

    public SdNotifier(SystemdEnvironment systemd, ILogger<SdNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(systemd);
        _logger = logger;
        _endpoint = ToEndpoint(systemd.NotifySocket, logger);
    }

    public bool IsEnabled => _endpoint is not null;

    /// <summary>The endpoint of a <c>NOTIFY_SOCKET</c> value, or <c>null</c> when unusable.</summary>
    public static UnixDomainSocketEndPoint? ToEndpoint(string? address, ILogger? logger = null)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        if (address[0] == '@')
        {
            return new UnixDomainSocketEndPoint("\0" + address[1..]);
        }

        if (address[0] == '/')
        {
            return new UnixDomainSocketEndPoint(address);
        }

        if (logger is not null)
        {
            SystemdLog.UnsupportedNotifySocket(logger, address);
        }

        return null;
    }

    public void Notify(string state)
    {
        if (_endpoint is null)
        {
            return;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Connect(_endpoint);
            socket.Send(Encoding.UTF8.GetBytes(state), SocketFlags.None);
            Interlocked.Exchange(ref _failureLogged, 0);
        }
        catch (SocketException e)
        {
            if (Interlocked.Exchange(ref _failureLogged, 1) == 0)
            {
                SystemdLog.NotifyFailed(_logger, FirstLine(state), e.Message);
            }
        }
    }

    private static string FirstLine(string state) => state.Split('\n')[0];
}
