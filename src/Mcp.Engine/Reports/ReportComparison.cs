namespace Mcp.Engine.Reports;

/// <summary>Changes since the previous completed report of the same node (whatever its date).</summary>
internal sealed record ReportComparison
{
    /// <summary>Null when there is no earlier report.</summary>
    public DateOnly? PreviousReportDate { get; init; }

    public int? DaysBetween { get; init; }

    /// <summary>This report's value minus the previous one's; null members where either is unknown.</summary>
    public ReportDeltas? Deltas { get; init; }
}
