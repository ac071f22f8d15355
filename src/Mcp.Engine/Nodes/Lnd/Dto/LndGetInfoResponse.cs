using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcGetInfoResponse</c> (the fields this daemon reads).</summary>
internal sealed record LndGetInfoResponse
{
    [JsonPropertyName("identity_pubkey")]
    public required string IdentityPubkey { get; init; }

    [JsonPropertyName("alias")]
    public string? Alias { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("num_pending_channels")]
    public uint NumPendingChannels { get; init; }

    [JsonPropertyName("num_active_channels")]
    public uint NumActiveChannels { get; init; }

    [JsonPropertyName("num_inactive_channels")]
    public uint NumInactiveChannels { get; init; }

    [JsonPropertyName("num_peers")]
    public uint NumPeers { get; init; }

    [JsonPropertyName("block_height")]
    public required uint BlockHeight { get; init; }

    [JsonPropertyName("block_hash")]
    public string? BlockHash { get; init; }

    /// <summary>Unix seconds of the best header.</summary>
    [JsonPropertyName("best_header_timestamp")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long BestHeaderTimestamp { get; init; }

    [JsonPropertyName("synced_to_chain")]
    public bool SyncedToChain { get; init; }

    [JsonPropertyName("synced_to_graph")]
    public bool SyncedToGraph { get; init; }

    [JsonPropertyName("chains")]
    public IReadOnlyList<LndChain>? Chains { get; init; }
}
