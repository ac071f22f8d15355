namespace Mcp.Engine.Alerts;

/// <summary>
/// The rules the daemon evaluates. The name is the first part of an alert key
/// (<c>rule:subject</c>) and the <c>rule</c> label of <c>mcp_alerts_firing</c>.
/// </summary>
internal static class AlertRuleNames
{
    /// <summary>A dependency, a node or a local resource failed N consecutive probes.</summary>
    public const string DependencyDown = "dependency_down";

    /// <summary>The daily report batch was not done by its scheduled time plus a grace.</summary>
    public const string ReportBatchLate = "report_batch_late";

    /// <summary>Too many reports of a batch failed.</summary>
    public const string ReportErrorRate = "report_error_rate";

    /// <summary>The 95th percentile of a batch's report generation time is too high.</summary>
    public const string ReportDurationP95 = "report_duration_p95";

    /// <summary>No report has been generated successfully for too long.</summary>
    public const string ReportStale = "report_stale";

    /// <summary>A node has had no successful decision round for several intervals.</summary>
    public const string DecisionRoundStale = "decision_round_stale";

    /// <summary>The file system of the data or log directory is almost full.</summary>
    public const string DiskLow = "disk_low";

    /// <summary>A loop's time since its last progress came close to (or past) its watchdog deadline.</summary>
    public const string WatchdogNearMiss = "watchdog_near_miss";

    public static readonly IReadOnlyList<string> All =
        [DependencyDown, ReportBatchLate, ReportErrorRate, ReportDurationP95, ReportStale, DecisionRoundStale, DiskLow, WatchdogNearMiss];

    /// <summary>The alert key of a rule and subject.</summary>
    public static string Key(string rule, string subject) => rule + ":" + subject;

    /// <summary>The rule part of an alert key.</summary>
    public static string RuleOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? key : key[..colon];
    }
}
