namespace Mcp.Engine.Network;

/// <summary>
/// Optional network context from outside the node: whole-network fee medians and on-chain fee
/// estimates (mempool.space), peer ranks (Amboss, only with an API key). Cached with a TTL in the
/// shared key-value cache. Never throws for an unavailable source (only for caller
/// cancellation): it returns null, which lowers confidence instead of failing a snapshot.
/// </summary>
internal interface INetworkContextProvider
{
    /// <summary>True when an Amboss API key is configured.</summary>
    bool PeerRanksEnabled { get; }

    /// <summary>Median base fee and fee rate of the public network, or null when unknown.</summary>
    Task<NetworkFeeMedians?> GetNetworkFeeMediansAsync(CancellationToken cancellationToken);

    /// <summary>Recommended on-chain fee rates, or null when unknown.</summary>
    Task<OnChainFees?> GetOnChainFeesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Ranks of the given nodes; a node without a rank is absent from the result. Null when
    /// ranks are off (no API key).
    /// </summary>
    Task<PeerRankLookup?> GetPeerRanksAsync(IReadOnlyCollection<string> pubkeys, CancellationToken cancellationToken);
}
