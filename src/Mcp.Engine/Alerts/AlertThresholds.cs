namespace Mcp.Engine.Alerts;

/// <summary>The configurable thresholds of <see cref="AlertRules"/> (defaults as documented).</summary>
internal sealed record AlertThresholds
{
    /// <summary>Consecutive failed probes before a dependency alert fires.</summary>
    public int ConsecutiveFailures { get; init; } = 3;

    /// <summary>A report batch must be done by its scheduled time plus this.</summary>
    public TimeSpan ReportBatchGrace { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Failed over finished reports of a batch above which an alert fires (0.05 = 5 %).</summary>
    public double ReportErrorRate { get; init; } = 0.05;

    /// <summary>95th percentile of a batch's generation times above which an alert fires.</summary>
    public TimeSpan ReportP95 { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>No successful report for this long fires an alert.</summary>
    public TimeSpan ReportStale { get; init; } = TimeSpan.FromHours(25);

    /// <summary>A node without a successful decision round for this many decision intervals fires an alert.</summary>
    public int DecisionStaleIntervals { get; init; } = 3;

    /// <summary>Free space ratio of a file system below which an alert fires (0.10 = 10 %).</summary>
    public double DiskFreeRatio { get; init; } = 0.10;

    /// <summary>A loop whose time without progress reached this share of its deadline had a near miss (0.8 = 80 %).</summary>
    public double NearMissRatio { get; init; } = 0.8;

    /// <summary>A near-miss alert stays firing until no near miss happened for this long.</summary>
    public TimeSpan NearMissHold { get; init; } = TimeSpan.FromMinutes(10);
}
