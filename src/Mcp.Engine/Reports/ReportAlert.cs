namespace Mcp.Engine.Reports;

/// <summary>An alert in a report: a firing alert of the daemon's monitoring, or one the report raises from the node's data.</summary>
internal sealed record ReportAlert
{
    /// <summary><c>critical</c>, <c>warning</c> or <c>info</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>The rule (<c>no_channels</c>, <c>inactive_channels</c>, <c>dependency_down</c>, ...).</summary>
    public required string Type { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    /// <summary>When the condition started, where known (a monitoring alert's firing time).</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    public required bool RequiresAction { get; init; }

    /// <summary><c>report</c> (from the node's data) or <c>monitor</c> (the daemon's monitoring).</summary>
    public required string Source { get; init; }
}
