namespace Mcp.Engine.Configuration;

/// <summary>Daily reports: schedule, parallelism, retries, retention.</summary>
internal sealed class ReportOptions
{
    [EnvSetting("MCP_REPORTS_ENABLED", Aliases = ["DAILY_REPORTS_SCHEDULER_ENABLED"], Description = "Generate daily reports on the schedule.")]
    public bool Enabled { get; set; } = true;

    [EnvSetting("MCP_REPORTS_CRON", Description = "Cron expression of the daily batch, 5 fields or 6 with seconds first (alias DAILY_REPORTS_HOUR + DAILY_REPORTS_MINUTE).")]
    public string Cron { get; set; } = "0 6 * * *";

    [EnvSetting("MCP_REPORTS_TIMEZONE", Description = "IANA time zone of the cron expression.")]
    public string TimeZone { get; set; } = "UTC";

    [EnvSetting("MCP_REPORTS_MAX_CONCURRENT", Aliases = ["DAILY_REPORTS_MAX_CONCURRENT"], Description = "Reports generated at the same time.")]
    public int MaxConcurrent { get; set; } = 10;

    [EnvSetting("MCP_REPORTS_MAX_RETRIES", Aliases = ["DAILY_REPORTS_MAX_RETRIES"], Description = "Attempts per report within one run.")]
    public int MaxRetries { get; set; } = 3;

    [EnvSetting("MCP_REPORTS_TIMEOUT", Aliases = ["DAILY_REPORTS_TIMEOUT"], Description = "Timeout of one report attempt (the alias takes plain seconds).")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(300);

    [EnvSetting("MCP_REPORTS_RETENTION_DAYS", Description = "Reports and monitoring rows older than this are purged daily.")]
    public int RetentionDays { get; set; } = 90;

    [EnvSetting("MCP_REPORTS_GRACE", Description = "A batch missed while the daemon was down runs at start if within this period; a batch with failed reports is run again within it.")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromHours(6);

    [EnvSetting("MCP_REPORTS_RETRY_BACKOFF", Description = "Wait before a report's second attempt within a run; doubles for each further attempt (at most 5m).")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    [EnvSetting("MCP_REPORTS_RETRY_INTERVAL", Description = "A batch that left reports failed runs again after this long, while within MCP_REPORTS_GRACE of its scheduled time.")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMinutes(30);
}
