using System.Globalization;
using System.Net;

namespace Mcp.Daemon.Http;

/// <summary>
/// The parsed <c>MCP_HTTP_LISTEN</c>: an IP address (or <c>localhost</c>, meaning 127.0.0.1) and a
/// port; <c>[::1]:9810</c> for IPv6. Port 0 asks the kernel for a free port (tests use it).
/// </summary>
internal sealed record ListenAddress(IPAddress Address, int Port)
{
    public const string AcceptedForm = "an IP address and a port, e.g. 127.0.0.1:9810 or [::1]:9810 (localhost means 127.0.0.1)";

    public static bool TryParse(string? text, out ListenAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var hostPart = text[..colon];
        var portPart = text[(colon + 1)..];
        if (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        if (hostPart.StartsWith('[') && hostPart.EndsWith(']'))
        {
            hostPart = hostPart[1..^1];
        }
        else if (hostPart.Contains(':', StringComparison.Ordinal))
        {
            return false; // an IPv6 address needs brackets
        }

        IPAddress? ip;
        if (string.Equals(hostPart, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            ip = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(hostPart, out ip) || (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && hostPart.Count(c => c == '.') != 3))
        {
            return false;
        }

        address = new ListenAddress(ip, port);
        return true;
    }

    public override string ToString() =>
        Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
