namespace Mcp.Engine.Reports;

/// <summary>
/// What the decision loop recorded for the node over the last <see cref="WindowHours"/> hours
/// (from the decision store and the policy-change store): actions applied live, actions shadow mode
/// would have taken, recommendations, blocked actions. Channels with nothing to do are not listed.
/// Repeated identical decisions of successive rounds are grouped.
/// </summary>
internal sealed record DecisionActivity
{
    public required int WindowHours { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required DateTimeOffset Until { get; init; }

    /// <summary>Decision records with an action other than none, per outcome.</summary>
    public required DecisionCounts Counts { get; init; }

    /// <summary>Policy changes created in the window, per status (rollbacks included).</summary>
    public required PolicyChangeCounts PolicyChanges { get; init; }

    /// <summary>Groups, applied and failed first, then shadow, recommended and blocked; newest first within each.</summary>
    public required IReadOnlyList<DecisionGroup> Groups { get; init; }

    /// <summary>Groups left out of <see cref="Groups"/> (it is bounded).</summary>
    public required int GroupsOmitted { get; init; }
}
