using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Reports;

/// <summary>Everything a report is built from; <see cref="DailyReportBuilder.Build"/> reads nothing else (no clock, no I/O).</summary>
internal sealed record DailyReportInput
{
    public required Guid ReportId { get; init; }

    public required string UserId { get; init; }

    public string? TenantId { get; init; }

    public required string NodeId { get; init; }

    public required DateOnly ReportDate { get; init; }

    /// <summary>The caller's clock at generation; the decision windows end here.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    public required NodeSnapshot Snapshot { get; init; }

    /// <summary><c>lnd</c> or <c>simulated</c>.</summary>
    public required string Source { get; init; }

    /// <summary>What the collection could not know (snapshot provenance warnings).</summary>
    public IReadOnlyList<string> SnapshotWarnings { get; init; } = [];

    /// <summary>The engine's evaluation of <see cref="Snapshot"/> now.</summary>
    public required DecisionSet Evaluation { get; init; }

    /// <summary>The thresholds the evaluation used (depleted and saturated ratios).</summary>
    public required DecisionThresholds Thresholds { get; init; }

    /// <summary>
    /// Recorded decisions of this node with an action other than none: fee changes of the last
    /// <see cref="DailyReportBuilder.ShadowWindowDays"/> days, rebalances and closes of the last
    /// 24 hours at least. Any order; records outside the windows are ignored.
    /// </summary>
    public IReadOnlyList<DecisionRecord> Decisions { get; init; } = [];

    /// <summary>Policy changes of this node created in the last 24 hours at least.</summary>
    public IReadOnlyList<PolicyChangeRecord> PolicyChanges { get; init; } = [];

    /// <summary>Earlier completed reports of this node (any order; dates before <see cref="ReportDate"/> are used).</summary>
    public IReadOnlyList<ReportHeadline> PreviousReports { get; init; } = [];

    /// <summary>Firing monitoring alerts that concern this node (or the daemon as a whole).</summary>
    public IReadOnlyList<AlertState> FiringAlerts { get; init; } = [];

    /// <summary>True when the decision records were read (false: the decision section says it could not).</summary>
    public bool DecisionsAvailable { get; init; } = true;

    /// <summary>True when the monitoring alerts were read (false: a note says they could not be).</summary>
    public bool AlertsAvailable { get; init; } = true;
}
