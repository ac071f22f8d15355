namespace Mcp.Engine.Alerts;

/// <summary>
/// Everything the alert rules look at, gathered by one probe cycle. A part that could not be
/// read (storage unreachable) is marked not evaluated: its alerts are left as they are. A part
/// that does not apply (no report schedule, no decision loop in this deployment) is evaluated and
/// null: its alerts resolve.
/// </summary>
internal sealed record MonitorObservation
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>This daemon's instance name (host name): local alerts carry it.</summary>
    public required string Instance { get; init; }

    public IReadOnlyList<CheckObservation> Checks { get; init; } = [];

    public bool ReportsEvaluated { get; init; } = true;

    public ReportBatchObservation? Reports { get; init; }

    public bool DecisionsEvaluated { get; init; } = true;

    public DecisionLoopObservation? Decisions { get; init; }

    public IReadOnlyList<DiskObservation> Disks { get; init; } = [];

    public IReadOnlyList<LoopObservation> Loops { get; init; } = [];
}
