using System.Globalization;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// Converts the earlier service's <c>redis://[:password@]host[:port][/db]</c> (or <c>rediss://</c>)
/// to the <c>host:port[,password=...]</c> form of <c>MCP_REDIS</c>; other values pass unchanged.
/// </summary>
internal static class RedisUrl
{
    public const string AcceptedForm = "host:port[,password=...] or redis://[:password@]host[:port][/db]";

    public static string? ToConfiguration(string raw)
    {
        var text = raw.Trim();
        if (!text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port;
        var parts = new List<string> { $"{(uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.Host.Trim('[', ']')}]" : uri.Host)}:{port}" };
        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        var password = userInfo.Contains(':', StringComparison.Ordinal) ? userInfo[(userInfo.IndexOf(':', StringComparison.Ordinal) + 1)..] : userInfo;
        if (password.Length > 0)
        {
            parts.Add("password=" + password);
        }

        if (uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase))
        {
            parts.Add("ssl=true");
        }

        var db = uri.AbsolutePath.Trim('/');
        if (db.Length > 0)
        {
            if (!int.TryParse(db, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            parts.Add("defaultDatabase=" + number.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(',', parts);
    }
}
