using Mcp.Engine.Heuristics;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Decisions;

/// <summary>
/// The engine's verdict on one channel. A fee change is to be applied only when
/// <see cref="ProposedPolicy"/> is set (then <see cref="BlockedBy"/> is null); rebalance and close
/// are recommendations. <see cref="BlockedBy"/> names the safety mechanism that stopped an action
/// the scores called for.
/// </summary>
internal sealed record ChannelDecision
{
    public required string ChannelId { get; init; }

    public required string ChanPoint { get; init; }

    /// <summary>The eight scores in [0, 1].</summary>
    public required HeuristicVector Scores { get; init; }

    /// <summary>Weighted total in [0, 1].</summary>
    public required double TotalScore { get; init; }

    public ScoreBand Band => ScoreBands.Of(TotalScore);

    /// <summary>What the rules called for (also when a safety mechanism stopped it).</summary>
    public required DecisionAction Action { get; init; }

    /// <summary>How much real data the fired rule rests on, in [0, 1] (see docs/decision-engine.md).</summary>
    public required double Confidence { get; init; }

    public required ChannelPolicy CurrentPolicy { get; init; }

    /// <summary>The complete policy to apply (current values where nothing changes); <c>null</c> = change nothing.</summary>
    public ChannelPolicy? ProposedPolicy { get; init; }

    public RebalanceRecommendation? Rebalance { get; init; }

    public CloseRecommendation? Close { get; init; }

    public BlockReason? BlockedBy { get; init; }

    /// <summary>One line of English: what, why, and what stopped it.</summary>
    public required string Reason { get; init; }

    /// <summary>Further lines (limits applied, notes); may be empty.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public required DecisionExplanation Explanation { get; init; }

    /// <summary>True when the caller should apply <see cref="ProposedPolicy"/>.</summary>
    public bool IsApplicable => ProposedPolicy is not null;

    /// <summary>+1 when the proposal raises a fee, −1 when it lowers one, 0 without a proposal.</summary>
    public int Direction => ProposedPolicy is { } proposed ? AppliedChange.DirectionOf(CurrentPolicy, proposed) : 0;

    /// <summary>The history entry to store once the proposal has been applied (and verified) at <paramref name="appliedAt"/>.</summary>
    /// <exception cref="InvalidOperationException">The decision proposes nothing.</exception>
    public AppliedChange ToAppliedChange(DateTimeOffset appliedAt) =>
        new(ChannelId, appliedAt, CurrentPolicy, ProposedPolicy ?? throw new InvalidOperationException($"The decision for {ChannelId} proposes no change."));
}
