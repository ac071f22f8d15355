namespace Mcp.Engine.Storage;

/// <summary>
/// Answer of <see cref="IReportStore.GetActivityAsync"/>: the reports touched in a window by
/// status (<see cref="Pending"/> = pending or generating), the nearest-rank 95th percentile of the
/// completed ones' durations (<c>null</c> when none completed), and the latest completion of any
/// report: the completion time of the newest completed report among those of the latest report
/// date that has one (<c>null</c> when no report ever completed).
/// </summary>
internal sealed record ReportActivity(int Reports, int Completed, int Failed, int Pending, TimeSpan? P95Duration, DateTimeOffset? LastCompletedAt)
{
    /// <summary>Failed over finished (completed + failed); <c>null</c> when nothing finished.</summary>
    public double? ErrorRate => Completed + Failed == 0 ? null : (double)Failed / (Completed + Failed);
}
