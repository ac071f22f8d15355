using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcGetInfoResponse</c> (the fields this daemon reads).</summary>
internal sealed record LndGetInfoResponse
{
    [JsonPropertyName("identity_pubkey")]
    public required string IdentityPubkey { get; set; }

    [JsonPropertyName("alias")]
    public string? Alias { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("num_pending_channels")]
    public uint NumPendingChannels { get; set; }

    [JsonPropertyName("num_active_channels")]
    public uint NumActiveChannels { get; set; }

    [JsonPropertyName("num_inactive_channels")]
    public uint NumInactiveChannels { get; set; }

    [JsonPropertyName("num_peers")]
    public uint NumPeers { get; set; }

    [JsonPropertyName("block_height")]
    public required uint BlockHeight { get; set; }

    [JsonPropertyName("block_hash")]
    public string? BlockHash { get; set; }

    /// <summary>Unix seconds of the best header.</summary>
    [JsonPropertyName("best_header_timestamp")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long BestHeaderTimestamp { get; set; }

    [JsonPropertyName("synced_to_chain")]
    public bool SyncedToChain { get; set; }

    [JsonPropertyName("synced_to_graph")]
    public bool SyncedToGraph { get; set; }

    [JsonPropertyName("chains")]
    public IReadOnlyList<LndChain>? Chains { get; set; }
}
