namespace Mcp.Engine.Reports;

/// <summary>
/// What the engine recommends for one channel now (not blocked by a safety mechanism). The daemon
/// applies fee changes itself in live mode; rebalances and closes are for the operator.
/// </summary>
internal sealed record Recommendation
{
    /// <summary><c>high</c> (close), <c>medium</c> (rebalance), <c>low</c> (fee).</summary>
    public required string Priority { get; init; }

    /// <summary><c>close</c>, <c>rebalance</c> or <c>fee</c>.</summary>
    public required string Category { get; init; }

    public required string ChannelId { get; init; }

    public string? PeerAlias { get; init; }

    public required string Title { get; init; }

    /// <summary>The engine's reason.</summary>
    public required string Description { get; init; }

    public required string SuggestedAction { get; init; }

    public required double Confidence { get; init; }

    public required double TotalScore { get; init; }

    public required string Band { get; init; }

    public required long CapacitySat { get; init; }

    public long? CurrentFeeRatePpm { get; init; }

    public long? ProposedFeeRatePpm { get; init; }

    public long? CurrentBaseFeeMsat { get; init; }

    public long? ProposedBaseFeeMsat { get; init; }

    /// <summary><c>outbound</c> (move liquidity out) or <c>inbound</c>.</summary>
    public string? RebalanceDirection { get; init; }

    public long? RebalanceAmountSat { get; init; }

    public long? RebalanceMaxFeeSat { get; init; }

    /// <summary><c>low_performance</c> or <c>idle</c>.</summary>
    public string? CloseReason { get; init; }
}
