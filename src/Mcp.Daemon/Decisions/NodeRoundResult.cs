using Mcp.Engine.Decisions;

namespace Mcp.Daemon.Decisions;

/// <summary>One node's round, for the round summary, the status line and tests.</summary>
internal sealed record NodeRoundResult(string NodeId, NodeRoundStatus Status)
{
    public DecisionMode Mode { get; init; }

    /// <summary>Decisions recorded (one per channel).</summary>
    public int Decisions { get; init; }

    /// <summary>Decisions whose proposal the engine allowed.</summary>
    public int Applicable { get; init; }

    /// <summary>Allowed proposals planned for this round (sent in live mode; "would change" in shadow mode).</summary>
    public int Planned { get; init; }

    public int Deferred { get; init; }

    /// <summary>Live: updates in force after the round (applied or already in effect).</summary>
    public int Applied { get; init; }

    /// <summary>Live: updates that ended otherwise (failed, conflict, not applied, unknown, not sent).</summary>
    public int NotApplied { get; init; }

    /// <summary>Why the round did not succeed (failure class, message).</summary>
    public string? Reason { get; init; }

    /// <summary>Each live update's outcome, in the order sent.</summary>
    public IReadOnlyList<PolicyUpdateOutcome> Updates { get; init; } = [];

    /// <summary>The write of a shadow node's records when it was still pending; null once settled.</summary>
    internal Task? Stored { get; init; }
}
