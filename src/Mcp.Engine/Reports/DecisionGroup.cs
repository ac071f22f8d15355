namespace Mcp.Engine.Reports;

/// <summary>
/// One decision, or successive identical ones (same channel, action, outcome and blocking
/// mechanism) of several rounds. The reasons and policies are those of the latest.
/// </summary>
internal sealed record DecisionGroup
{
    public required string ChannelId { get; init; }

    public string? PeerAlias { get; init; }

    /// <summary><c>increase_fee</c>, <c>decrease_fee</c>, <c>rebalance</c> or <c>close</c>.</summary>
    public required string Action { get; init; }

    /// <summary><c>dry_run</c> or <c>live</c>.</summary>
    public required string Mode { get; init; }

    /// <summary>See <see cref="DecisionOutcome"/>.</summary>
    public required string Outcome { get; init; }

    public string? BlockedBy { get; init; }

    public required DateTimeOffset FirstAt { get; init; }

    public required DateTimeOffset LastAt { get; init; }

    /// <summary>Rounds in the group.</summary>
    public required int Rounds { get; init; }

    /// <summary>The latest decision's id (audit trail).</summary>
    public required Guid DecisionId { get; init; }

    public required double Confidence { get; init; }

    public required double TotalScore { get; init; }

    public long? CurrentFeeRatePpm { get; init; }

    public long? ProposedFeeRatePpm { get; init; }

    public long? CurrentBaseFeeMsat { get; init; }

    public long? ProposedBaseFeeMsat { get; init; }

    /// <summary>The policy change's status for a live fee change (<c>applied</c>, <c>verified</c>, <c>failed</c>, <c>rolled_back</c>, <c>intent</c>).</summary>
    public string? ChangeStatus { get; init; }

    /// <summary>The node's refusal or the verification failure of a failed change.</summary>
    public string? ChangeError { get; init; }

    /// <summary>The engine's reason and notes, as recorded.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }
}
