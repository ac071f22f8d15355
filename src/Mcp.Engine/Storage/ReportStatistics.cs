namespace Mcp.Engine.Storage;

/// <summary>Answer of <see cref="IReportStore.GetStatisticsAsync"/>: users enabled now (nodes file) and one entry per date, oldest first.</summary>
internal sealed record ReportStatistics(int EnabledUsers, IReadOnlyList<ReportDayStatistics> Days)
{
    /// <summary>The whole window (also when it has no report: zero counts, null percentiles).</summary>
    public ReportWindowStatistics? Window { get; init; }
}
