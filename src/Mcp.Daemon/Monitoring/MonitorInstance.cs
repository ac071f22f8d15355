namespace Mcp.Daemon.Monitoring;

/// <summary>
/// This daemon instance's name in alerts (the host name): alerts about local resources (disk,
/// log file, loops) carry it in their key, so instances sharing a database keep theirs apart.
/// </summary>
internal sealed record MonitorInstance(string Name)
{
    public static MonitorInstance FromHost() => new(Environment.MachineName);
}
