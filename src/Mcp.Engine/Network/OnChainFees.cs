namespace Mcp.Engine.Network;

/// <summary>Recommended on-chain fee rates in sat/vB (mempool.space <c>/v1/fees/recommended</c>).</summary>
internal sealed record OnChainFees(double FastestFee, double HalfHourFee, double HourFee, double EconomyFee, double MinimumFee);
