namespace Mcp.Engine.Reports;

/// <summary>
/// What a later report reads back from a stored one (its date and summary) for deltas and trends;
/// the rest of the stored document is skipped.
/// </summary>
internal sealed record ReportHeadline
{
    public required DateOnly ReportDate { get; init; }

    public required ReportSummary Summary { get; init; }
}
