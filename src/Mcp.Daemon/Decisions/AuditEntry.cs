using Mcp.Engine.Storage;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// One line of the audit trail: a decision (with what became of it) or a rollback change.
/// <see cref="Status"/>: <c>would_change</c> (shadow), <c>deferred</c>, <c>verified</c>,
/// <c>applied</c>, <c>failed</c>, <c>rolled_back</c>, <c>unfinished</c>, <c>not_sent</c> (live),
/// <c>blocked</c>, <c>recommendation</c>, <c>no_change</c>; for a rollback its change status.
/// </summary>
internal sealed record AuditEntry
{
    public required DateTimeOffset At { get; init; }

    public required string NodeId { get; init; }

    public required string ChannelId { get; init; }

    public required string Status { get; init; }

    /// <summary>The decision, for a decision line.</summary>
    public DecisionRecord? Decision { get; init; }

    public StoredDecisionView? View { get; init; }

    /// <summary>The apply change of a live decision, or the rollback change of a rollback line.</summary>
    public PolicyChangeRecord? Change { get; init; }

    public bool IsRollback => Decision is null;
}
