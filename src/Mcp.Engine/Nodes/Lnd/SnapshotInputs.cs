using Mcp.Engine.Nodes.Lnd.Dto;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>Everything a live collection read, before it becomes a snapshot.</summary>
internal sealed record SnapshotInputs
{
    public required string NodeId { get; init; }

    public required NodeInfo Info { get; init; }

    /// <summary>The end of the forwarding window and the snapshot's <c>taken_at</c>.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    public required DateTimeOffset WindowStart { get; init; }

    public required IReadOnlyList<LndChannel> Channels { get; init; }

    public required IReadOnlyList<LndChannelFeeReport> FeeReport { get; init; }

    /// <summary>Own policies read from edges for channels the fee report lacks.</summary>
    public IReadOnlyDictionary<ulong, ChannelPolicy> EdgePolicies { get; init; } = new Dictionary<ulong, ChannelPolicy>();

    public required IReadOnlyList<LndForwardingEvent> Forwards { get; init; }

    public IReadOnlyDictionary<string, PeerGraphData> Peers { get; init; } = new Dictionary<string, PeerGraphData>();

    /// <summary>Amboss ranks; null when ranks are off or unavailable.</summary>
    public IReadOnlyDictionary<string, int>? Ranks { get; init; }

    public NetworkContext? Network { get; init; }
}
