namespace Mcp.Engine.Decisions;

/// <summary>What the rules call for on a channel. Rebalance and close are recommendations only.</summary>
internal enum DecisionAction
{
    None,
    IncreaseFee,
    DecreaseFee,
    Rebalance,
    Close,
}
