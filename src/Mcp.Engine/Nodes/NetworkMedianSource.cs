namespace Mcp.Engine.Nodes;

/// <summary>Where a snapshot's network fee medians come from.</summary>
internal enum NetworkMedianSource
{
    /// <summary>Unknown: the snapshot's <c>network</c> is null and the engine uses its defaults.</summary>
    None,

    /// <summary>mempool.space lightning statistics (whole public network).</summary>
    Mempool,

    /// <summary>Medians of the policies our peers announce towards us (from the channel graph).</summary>
    PeerPolicies,

    /// <summary>The simulated market of a simulated node.</summary>
    Simulated,
}
