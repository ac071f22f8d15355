namespace Mcp.Engine.Decisions;

/// <summary>
/// A rebalance the operator may run (the daemon never moves funds): how much, which way, towards
/// which local ratio, and the most it should cost.
/// </summary>
internal sealed record RebalanceRecommendation(RebalanceDirection Direction, long AmountSat, double TargetRatio, long MaxFeeSat);
