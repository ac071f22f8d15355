namespace Mcp.TestKit.Systemd;

/// <summary>Which network namespace the sandboxed systemd and its services use.</summary>
public enum SandboxNetwork
{
    /// <summary>A network namespace of its own with only <c>lo</c>: no port clash with the host, no way to change the host's network.</summary>
    Private,

    /// <summary>The host's network namespace: services listening on 127.0.0.1 are reachable from the host.</summary>
    Host,
}
