namespace Mcp.Engine.Reports;

/// <summary>Channels per action the decision rules call for.</summary>
internal sealed record ActionCounts(int None, int IncreaseFee, int DecreaseFee, int Rebalance, int Close);
