namespace Mcp.Daemon.Reports;

/// <summary>
/// Thrown by the scheduled job when a batch left reports failed or unfinished, so the scheduler
/// does not record the occurrence as done and runs it again (after <c>MCP_REPORTS_RETRY_INTERVAL</c>,
/// or at the next start) while within <c>MCP_REPORTS_GRACE</c>.
/// </summary>
internal sealed class DailyReportBatchIncompleteException : Exception
{
    public DailyReportBatchIncompleteException(DailyReportBatchResult result)
        : base((result ?? throw new ArgumentNullException(nameof(result))).Describe())
    {
        Result = result;
    }

    public DailyReportBatchResult Result { get; }
}
