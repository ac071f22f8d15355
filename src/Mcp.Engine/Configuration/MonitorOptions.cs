namespace Mcp.Engine.Configuration;

/// <summary>Self-monitoring probes and the alert rules' thresholds.</summary>
internal sealed class MonitorOptions
{
    [EnvSetting("MCP_MONITOR_INTERVAL", Description = "Time between two probe cycles (1s or more).")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    [EnvSetting("MCP_MONITOR_PROBE_TIMEOUT", Description = "Timeout of one probe.")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [EnvSetting("MCP_ALERT_CONSECUTIVE_FAILURES", Description = "Consecutive failed probes before a dependency alert fires.")]
    public int ConsecutiveFailures { get; set; } = 3;

    [EnvSetting("MCP_ALERT_DISK_FREE_PERCENT", Description = "Free-space percentage of the data or log directory below which an alert fires.")]
    public double DiskFreePercent { get; set; } = 10;
}
