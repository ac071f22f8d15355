using Mcp.Engine.Heuristics;

namespace Mcp.Engine.Decisions;

/// <summary>Why a decision came out as it did: inputs, rule, fee arithmetic and limits.</summary>
internal sealed record DecisionExplanation
{
    /// <summary>The weights of the profile used.</summary>
    public required HeuristicVector Weights { get; init; }

    /// <summary>score × weight per heuristic (their sum is the total before clamping to [0, 1]).</summary>
    public required HeuristicVector Contributions { get; init; }

    /// <summary>Per heuristic, the share of its sub-components computed from real data (1) rather than defaults (0).</summary>
    public required HeuristicVector DataCoverage { get; init; }

    /// <summary>The rule that fired.</summary>
    public required DecisionRule Rule { get; init; }

    /// <summary>The rule's condition with the numbers of this channel, e.g. <c>local ratio 0.85 &gt; rebalance_ratio_max 0.8</c>.</summary>
    public required string Condition { get; init; }

    /// <summary>local / (local + remote), 0.5 when both are zero.</summary>
    public required double LiquidityRatio { get; init; }

    /// <summary>The fee rate the rule's step asked for, before any limit (fee actions only).</summary>
    public long? SteppedFeeRatePpm { get; init; }

    /// <summary>Limits that changed the stepped fee (e.g. <c>max_change_percent</c>, <c>override.max_fee_rate_ppm</c>).</summary>
    public IReadOnlyList<string> LimitsApplied { get; init; } = [];

    /// <summary>What the blocking mechanism found, e.g. <c>last change 12 min ago; cooldown 60 min</c>.</summary>
    public string? BlockedDetail { get; init; }

    /// <summary>For a rebalance: what stopped its inbound-fee step, if anything (the recommendation itself still stands).</summary>
    public BlockReason? InboundBlockedBy { get; init; }
}
