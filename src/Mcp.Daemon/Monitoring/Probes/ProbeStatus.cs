namespace Mcp.Daemon.Monitoring.Probes;

internal enum ProbeStatus
{
    Up,
    Down,

    /// <summary>Nothing to probe (not configured, not running in this deployment): neither success nor failure.</summary>
    NotApplicable,
}
