namespace Mcp.Engine.Snapshots;

/// <summary>Aggregates a source may provide; either may be <c>null</c> (then derived from the forwards).</summary>
internal sealed record ChannelStats(double? SuccessRate, long? ForwardsCount);
