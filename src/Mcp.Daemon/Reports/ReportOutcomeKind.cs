namespace Mcp.Daemon.Reports;

/// <summary>What one batch did with one report.</summary>
internal enum ReportOutcomeKind
{
    /// <summary>Generated and completed by this batch.</summary>
    Generated,

    /// <summary>Found completed (earlier run, another instance).</summary>
    AlreadyCompleted,

    /// <summary>Every attempt of this batch failed; the report is stored failed and the next run retries it.</summary>
    Failed,

    /// <summary>Another instance holds it (lease or live claim) and did not finish while this batch waited.</summary>
    Busy,
}
