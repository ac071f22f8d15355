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

    [EnvSetting("MCP_ALERT_REPORT_GRACE", Description = "The daily report batch must be done by its scheduled time plus this, else an alert fires.")]
    public TimeSpan ReportBatchGrace { get; set; } = TimeSpan.FromHours(2);

    [EnvSetting("MCP_ALERT_REPORT_ERROR_PERCENT", Description = "Percentage of failed reports in a batch above which an alert fires.")]
    public double ReportErrorPercent { get; set; } = 5;

    [EnvSetting("MCP_ALERT_REPORT_P95", Description = "95th percentile of a batch's report generation time above which an alert fires.")]
    public TimeSpan ReportP95 { get; set; } = TimeSpan.FromSeconds(60);

    [EnvSetting("MCP_ALERT_REPORT_STALE", Description = "An alert fires when no report was generated successfully for this long.")]
    public TimeSpan ReportStale { get; set; } = TimeSpan.FromHours(25);

    [EnvSetting("MCP_ALERT_DECISION_STALE_INTERVALS", Description = "An alert fires for a node without a successful decision round for this many MCP_DECISION_INTERVALs.")]
    public int DecisionStaleIntervals { get; set; } = 3;

    [EnvSetting("MCP_ALERT_NEAR_MISS_PERCENT", Description = "A loop that goes this share of its watchdog deadline without progress raises a near-miss alert.")]
    public double NearMissPercent { get; set; } = 80;
}
