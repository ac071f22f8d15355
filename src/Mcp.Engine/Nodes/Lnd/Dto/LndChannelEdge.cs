using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcChannelEdge</c>. A policy is null when that side never announced one.</summary>
internal sealed record LndChannelEdge
{
    [JsonPropertyName("channel_id")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong ChannelId { get; set; }

    [JsonPropertyName("chan_point")]
    public required string ChanPoint { get; set; }

    [JsonPropertyName("last_update")]
    public uint LastUpdate { get; set; }

    [JsonPropertyName("node1_pub")]
    public required string Node1Pub { get; set; }

    [JsonPropertyName("node2_pub")]
    public required string Node2Pub { get; set; }

    [JsonPropertyName("capacity")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long Capacity { get; set; }

    [JsonPropertyName("node1_policy")]
    public LndRoutingPolicy? Node1Policy { get; set; }

    [JsonPropertyName("node2_policy")]
    public LndRoutingPolicy? Node2Policy { get; set; }
}
