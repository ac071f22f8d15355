namespace Mcp.Engine.Reports;

/// <summary>
/// The node's headline figures over the last <see cref="Days"/> report dates (this one included),
/// oldest first, from the stored reports; days without a completed report are absent.
/// </summary>
internal sealed record ReportTrends
{
    public required int Days { get; init; }

    public required IReadOnlyList<TrendPoint> Points { get; init; }

    /// <summary>Last point minus first (null with fewer than two points).</summary>
    public ReportDeltas? Change { get; init; }
}
