using System.Globalization;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// <c>LND_REST_HOST</c> (default <c>https://127.0.0.1</c>; a bare host gets <c>https://</c>) and
/// <c>LND_REST_PORT</c> (default 8080, or the host's own port) give <c>MCP_LND_REST_URL</c>.
/// </summary>
internal sealed class LndRestUrlRule : LegacySettingRule
{
    public const string HostVariable = "LND_REST_HOST";
    public const string PortVariable = "LND_REST_PORT";

    public override string Target => "MCP_LND_REST_URL";

    public override IReadOnlyList<string> Sources { get; } = [HostVariable, PortVariable];

    public override string? Resolve(EnvironmentSnapshot env, ICollection<ConfigurationProblem> problems)
    {
        var host = env.Get(HostVariable)?.Trim();
        var portText = env.Get(PortVariable)?.Trim();
        if (string.IsNullOrEmpty(host))
        {
            host = "https://127.0.0.1";
        }

        if (!host.Contains("://", StringComparison.Ordinal))
        {
            host = "https://" + host;
        }

        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.Scheme is not ("https" or "http"))
        {
            problems.Add(new ConfigurationProblem(
                $"{HostVariable}=\"{env.Get(HostVariable)}\" (alias of {Target} with {PortVariable}) is not valid: expected a host name or address, optionally with https://"));
            return null;
        }

        int port;
        if (string.IsNullOrEmpty(portText))
        {
            port = uri.IsDefaultPort && !host.Contains($":{uri.Port}", StringComparison.Ordinal) ? 8080 : uri.Port;
        }
        else if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            problems.Add(new ConfigurationProblem(
                $"{PortVariable}=\"{portText}\" (alias of {Target} with {HostVariable}) is not valid: expected a port number from 1 to 65535"));
            return null;
        }

        return new UriBuilder(uri.Scheme, uri.Host, port).Uri.GetLeftPart(UriPartial.Authority);
    }
}
