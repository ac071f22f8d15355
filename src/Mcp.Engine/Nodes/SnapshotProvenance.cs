namespace Mcp.Engine.Nodes;

/// <summary>
/// Where the parts of a snapshot came from and what could not be known, so reports and
/// confidence can say so. Optional sources that were unavailable leave their fields <c>null</c>
/// in the snapshot and are named in <see cref="Warnings"/>.
/// </summary>
internal sealed record SnapshotProvenance
{
    /// <summary><c>lnd</c> or <c>simulated</c>.</summary>
    public required string Source { get; init; }

    public required NetworkMedianSource NetworkSource { get; init; }

    /// <summary>Peers whose graph data (alias, channels, capacity) is in the snapshot.</summary>
    public int PeersWithGraphData { get; init; }

    /// <summary>Peers the node's graph does not know (private peers); their graph fields are null.</summary>
    public int PeersNotInGraph { get; init; }

    /// <summary>Peers with an Amboss rank; <c>null</c> when Amboss is off or unavailable.</summary>
    public int? PeersWithRank { get; init; }

    /// <summary>Peer and edge lookups answered from the cache.</summary>
    public int CacheHits { get; init; }

    /// <summary>Peer and edge lookups that went to the node.</summary>
    public int CacheMisses { get; init; }

    /// <summary>Pages of forwarding history read (<c>POST /v1/switch</c>).</summary>
    public int ForwardPages { get; init; }

    /// <summary>Settled forwards in the 30-day window.</summary>
    public int ForwardEvents { get; init; }

    /// <summary>Forwards out of channels that are no longer open (not attributed to any channel).</summary>
    public int ForwardsOnClosedChannels { get; init; }

    /// <summary>Requests sent to the node for this collection (retries included).</summary>
    public int NodeRequests { get; init; }

    /// <summary>Things that lower confidence, in plain words.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
