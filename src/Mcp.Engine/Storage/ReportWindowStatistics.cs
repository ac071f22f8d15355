namespace Mcp.Engine.Storage;

/// <summary>
/// The whole window of <see cref="IReportStore.GetStatisticsAsync"/>: the same counts as
/// <see cref="ReportDayStatistics"/> over every date in it, percentiles over all its completed reports.
/// </summary>
internal sealed record ReportWindowStatistics(
    DateOnly From,
    DateOnly To,
    int Users,
    int Reports,
    int Completed,
    int Failed,
    int Pending,
    TimeSpan? P50Duration,
    TimeSpan? P95Duration)
{
    /// <summary>Completed over finished (completed + failed); <c>null</c> when nothing finished.</summary>
    public double? SuccessRate => Completed + Failed == 0 ? null : (double)Completed / (Completed + Failed);
}
