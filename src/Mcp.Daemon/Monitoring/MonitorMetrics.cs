using Mcp.Engine.Observability;

namespace Mcp.Daemon.Monitoring;

/// <summary>The monitoring's metric families (names in docs/monitoring.md and the Prometheus rules).</summary>
internal sealed class MonitorMetrics(MetricRegistry registry)
{
    private static readonly double[] CycleBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    public Gauge Up { get; } = registry.Gauge(
        "mcp_dependency_up", "1 when the dependency's last probe (or delivery, for alert sinks) succeeded, 0 when it failed.", "dependency");

    public Counter Failures { get; } = registry.Counter(
        "mcp_dependency_failures_total", "Failed requests to a dependency, by failure class (each failed attempt counts).", "dependency", "error_type");

    public Gauge ConsecutiveFailures { get; } = registry.Gauge(
        "mcp_dependency_consecutive_failures", "Consecutive failed probes of the dependency (0 after a success), as stored (shared by instances).", "dependency");

    public Gauge Uptime { get; } = registry.Gauge(
        "mcp_dependency_uptime_ratio", "Share of successful probes of the dependency over the window (24h or 7d), from stored hourly aggregates.", "dependency", "window");

    public Gauge ProbeDuration { get; } = registry.Gauge(
        "mcp_dependency_probe_duration_seconds", "Duration of the dependency's last probe.", "dependency");

    public Gauge DiskFreeRatio { get; } = registry.Gauge(
        "mcp_disk_free_ratio", "Free share of the file system holding the daemon's directory (data or log), for unprivileged users.", "directory");

    public Gauge DiskFreeBytes { get; } = registry.Gauge(
        "mcp_disk_free_bytes", "Free bytes of the file system holding the daemon's directory (data or log), for unprivileged users.", "directory");

    public Gauge DiskSizeBytes { get; } = registry.Gauge(
        "mcp_disk_size_bytes", "Size of the file system holding the daemon's directory (data or log).", "directory");

    public Histogram CycleDuration { get; } = registry.Histogram(
        "mcp_monitor_cycle_duration_seconds", "Duration of one monitor cycle (probes, storage, alert evaluation).", CycleBuckets);

    public Gauge LastCycle { get; } = registry.Gauge(
        "mcp_monitor_last_cycle_timestamp_seconds", "Unix time at which the last monitor cycle ended.");

    public Gauge AlertsFiring { get; } = registry.Gauge(
        "mcp_alerts_firing", "Alerts firing now (this instance's view), by rule and severity.", "rule", "severity");

    public Counter NearMisses { get; } = registry.Counter(
        "mcp_loop_near_misses_total", "Monitor cycles in which a loop went at least MCP_ALERT_NEAR_MISS_PERCENT of its progress deadline without progress.", "loop");

    public Gauge PeakProgressRatio { get; } = registry.Gauge(
        "mcp_loop_peak_progress_ratio", "Longest time without progress over the progress deadline, per loop, during the last monitor cycle (1 = stuck).", "loop");

    public Gauge DecisionLastRound { get; } = registry.Gauge(
        "mcp_monitor_decision_last_round_timestamp_seconds", "Unix time of the latest decision recorded for the node (storage; survives restarts).", "node");

    public Gauge ReportLastSuccess { get; } = registry.Gauge(
        "mcp_monitor_report_last_success_timestamp_seconds", "Unix time of the latest completed daily report (storage; survives restarts).");

    public Gauge ReportBatchOverdue { get; } = registry.Gauge(
        "mcp_monitor_report_batch_overdue", "1 when the latest daily report batch is not done by its scheduled time plus MCP_ALERT_REPORT_GRACE, else 0.");

    public static double Unix(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds() / 1000.0;
}
