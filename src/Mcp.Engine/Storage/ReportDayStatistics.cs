namespace Mcp.Engine.Storage;

/// <summary>
/// One report date: <see cref="Users"/> = distinct users with a report row that day (every enabled
/// user gets one when the batch claims it), <see cref="Pending"/> = pending or generating;
/// percentiles are nearest-rank over completed reports' durations (<c>null</c> when none).
/// </summary>
internal sealed record ReportDayStatistics(
    DateOnly Date,
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
