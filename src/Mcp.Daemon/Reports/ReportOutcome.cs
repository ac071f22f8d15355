using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Reports;

/// <summary>
/// One report's outcome in a batch: for a completed report its id and its document (kept only
/// until the user's file is written); for a failed one the last error and its type.
/// </summary>
internal sealed record ReportOutcome(NodeDefinition Node, ReportOutcomeKind Kind)
{
    public int Attempts { get; init; }

    public Guid? ReportId { get; init; }

    /// <summary>The report document (compact JSON) as stored.</summary>
    public string? Document { get; init; }

    public string? Error { get; init; }

    public string? ErrorType { get; init; }

    /// <summary>Who holds a busy report.</summary>
    public string? Holder { get; init; }

    public bool IsDone => Kind is ReportOutcomeKind.Generated or ReportOutcomeKind.AlreadyCompleted;
}
