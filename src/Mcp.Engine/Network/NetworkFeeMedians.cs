namespace Mcp.Engine.Network;

/// <summary>Median routing fees of the public Lightning network.</summary>
internal sealed record NetworkFeeMedians(long MedianBaseFeeMsat, long MedianFeeRatePpm, int? ChannelCount);
