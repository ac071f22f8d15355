using Mcp.Engine.Nodes;
using Mcp.Engine.Reports;

namespace Mcp.Daemon.Reports;

/// <summary>
/// One report's outcome in a batch: for a completed report its id and either the report this batch
/// built or the stored document; for a failed one the last error and its type.
/// </summary>
internal sealed record ReportOutcome(NodeDefinition Node, ReportOutcomeKind Kind)
{
    public int Attempts { get; init; }

    public Guid? ReportId { get; init; }

    public DailyReport? Report { get; init; }

    public string? StoredDocument { get; init; }

    public string? Error { get; init; }

    public string? ErrorType { get; init; }

    /// <summary>Who holds a busy report.</summary>
    public string? Holder { get; init; }

    public bool IsDone => Kind is ReportOutcomeKind.Generated or ReportOutcomeKind.AlreadyCompleted;
}
