using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes;

/// <summary>A complete snapshot of a node and how it was obtained.</summary>
internal sealed record CollectedSnapshot(NodeSnapshot Snapshot, SnapshotProvenance Provenance);
