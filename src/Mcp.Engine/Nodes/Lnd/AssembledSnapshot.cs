using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>A snapshot and the counts the provenance reports.</summary>
internal sealed record AssembledSnapshot(NodeSnapshot Snapshot, int ForwardEvents, int ForwardsOnClosedChannels, int ChannelsWithoutUptime);
